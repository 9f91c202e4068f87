/* state.c - the box's state file, replaced with rename(2) so readers never see half of it. */
#define _GNU_SOURCE
#include "state.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

void state_write(const char *path, const struct box_state *s) {
  if (!path) return;
  char tmp[4200];
  snprintf(tmp, sizeof tmp, "%s.%d.tmp", path, (int)getpid());
  char json[512];
  int n = snprintf(json, sizeof json,
                   "{\"Status\":\"%s\",\"Pid\":%d,\"MonitorPid\":%d,\"ExitCode\":%d,\"StartedAt\":\"%s\",\"FinishedAt\":\"%s\"}\n",
                   s->status, (int)s->pid, (int)s->monitor_pid, s->exit_code, s->started_at, s->finished_at);
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return;
  ssize_t w = write(fd, json, (size_t)n);
  fsync(fd);
  close(fd);
  if (w == n) rename(tmp, path);
  else unlink(tmp);
}
