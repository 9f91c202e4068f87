/*
 * child.h - the box's first process, in its new namespaces: it runs the plan's steps in order
 * and ends in exec. It never returns: on failure it sends one error record to the parent.
 */
#ifndef FOXBOX_CHILD_H
#define FOXBOX_CHILD_H

#include "config.h"
#include "plan.h"

struct child_channels {
  int sync_fd;        /* read: the parent says "go" once the id maps are written */
  int error_fd;       /* write: one struct error on failure; closed by a successful exec */
  int console_socket; /* write: the pty master, with -t; else -1 */
  int out_fd;         /* the box's stdout and stderr when the parent logs them; else -1 */
  int err_fd;
  int pid_fd;         /* exec: where the pid of the process that runs the steps goes; else -1 */
};

__attribute__((noreturn)) void child_main(const struct plan *plan, const struct config *cfg, struct child_channels ch);

#endif
