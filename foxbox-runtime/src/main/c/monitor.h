/*
 * monitor.h - watching a running box: its output goes to the log (and, attached, to our own
 * stdout and stderr), its terminal is relayed, signals sent to us are passed on, and its exit
 * status is returned. With "detach" this runs in a process of its own (like podman's conmon),
 * after the foxbox that started the box has returned.
 */
#ifndef FOXBOX_MONITOR_H
#define FOXBOX_MONITOR_H

#include <sys/types.h>

#include "boxlog.h"

struct monitored {
  pid_t child;
  int sigfd;
  int master;           /* the box's terminal, or -1 */
  int out_fd, err_fd;   /* read ends of the box's stdout and stderr pipes, or -1 */
  int attached;         /* copy output to our own stdout/stderr, and our stdin to the terminal */
  struct box_log *log;  /* or NULL */
};

/* Returns the box's exit status: its code, or 128+N when signal N ended it. */
int monitor_box(struct monitored m);

/* A waitpid status as a shell gives it: the exit code, or 128+N for signal N. */
int exit_status(int wait_status);

/*
 * Detaches: the calling process forks; the parent waits until ready_fd (returned to the child)
 * receives one byte, the status to exit with (0 once the box runs), and exits; the child, in a
 * new session with stdio on /dev/null, goes on to start and watch the box.
 */
int detach_monitor(int *ready_fd);

#endif
