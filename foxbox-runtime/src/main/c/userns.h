/*
 * userns.h - the box's user namespace: writing its uid and gid maps from the parent.
 *
 * With subordinate ids (/etc/subuid), the setuid helpers newuidmap/newgidmap write the maps
 * (only they may map more than our own id). Without, we write a single mapping ourselves,
 * after denying setgroups(2), as the kernel requires of an unprivileged writer.
 */
#ifndef FOXBOX_USERNS_H
#define FOXBOX_USERNS_H

#include <sys/types.h>

#include "config.h"
#include "errors.h"

int userns_write_maps(pid_t child, const struct config *cfg, struct error *err);

#endif
