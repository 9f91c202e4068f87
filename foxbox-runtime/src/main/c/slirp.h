/*
 * slirp.h - the box's network through slirp4netns, as rootless podman does: a user-mode TCP/IP
 * stack on the host side, a tap device in the box's network namespace (10.0.2.100/24, gateway
 * 10.0.2.2, DNS 10.0.2.3). The helper starts it once the box's namespaces exist and before the
 * box's command runs, adds each published port through its API socket, and stops it with the
 * box. A port that is already in use fails the start.
 */
#ifndef FOXBOX_SLIRP_H
#define FOXBOX_SLIRP_H

#include <sys/types.h>

#include "config.h"
#include "errors.h"

struct slirp {
  pid_t pid;
  int exit_fd; /* slirp4netns exits when this closes (and when we die) */
};

int slirp_start(const struct config *cfg, pid_t box, struct slirp *slirp, struct error *err);
int slirp_forward(const struct config *cfg, struct error *err);
void slirp_stop(struct slirp *slirp);

#endif
