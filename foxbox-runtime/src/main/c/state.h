/*
 * state.h - a box's state file, JSON, replaced atomically, read by Java (ps, inspect, wait):
 *
 *   {"Status":"running","Pid":123,"MonitorPid":122,"ExitCode":0,"StartedAt":"…","FinishedAt":""}
 *
 * Pid is the host pid of the box's first process; MonitorPid the helper that watches it. A
 * "running" state whose monitor is gone means the monitor was killed: Java reports it exited.
 */
#ifndef FOXBOX_STATE_H
#define FOXBOX_STATE_H

#include <sys/types.h>

struct box_state {
  const char *status; /* "running" or "exited" */
  pid_t pid;
  pid_t monitor_pid;
  int exit_code;
  char started_at[40];
  char finished_at[40];
};

/* Writes the state to path (a no-op when path is NULL); failures are ignored: the box runs on. */
void state_write(const char *path, const struct box_state *state);

#endif
