/* join.c - setns(2) into a running box's namespaces. */
#define _GNU_SOURCE
#include "join.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "trace.h"

static const struct {
  const char *name;
  int type;
} NAMESPACES[] = {{"user", CLONE_NEWUSER}, {"mnt", CLONE_NEWNS}, {"uts", CLONE_NEWUTS}, {"ipc", CLONE_NEWIPC},
                  {"net", CLONE_NEWNET}, {"cgroup", CLONE_NEWCGROUP}, {"pid", CLONE_NEWPID}};

/* Whether our namespace of this kind is already the box's (a box on the host network, say). */
static int same_namespace(const char *name, int fd) {
  char own[64];
  snprintf(own, sizeof own, "/proc/self/ns/%s", name);
  struct stat mine, theirs;
  return stat(own, &mine) == 0 && fstat(fd, &theirs) == 0 && mine.st_ino == theirs.st_ino && mine.st_dev == theirs.st_dev;
}

int join_box(pid_t pid, struct error *err) {
  int fds[sizeof NAMESPACES / sizeof NAMESPACES[0]];
  /* Open them all first: once in the box's mount namespace, the host's /proc is gone. */
  for (size_t i = 0; i < sizeof NAMESPACES / sizeof NAMESPACES[0]; i++) {
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/ns/%s", (int)pid, NAMESPACES[i].name);
    fds[i] = open(path, O_RDONLY | O_CLOEXEC);
    if (fds[i] < 0) return fail(err, "join", errno, "cannot open %s (has the box stopped?)", path);
  }
  for (size_t i = 0; i < sizeof NAMESPACES / sizeof NAMESPACES[0]; i++) {
    if (same_namespace(NAMESPACES[i].name, fds[i])) {
      close(fds[i]);
      continue;
    }
    trace("join the box's %s namespace", NAMESPACES[i].name);
    if (setns(fds[i], NAMESPACES[i].type) < 0) {
      int saved = errno;
      return fail(err, "join", saved, "cannot enter the box's %s namespace", NAMESPACES[i].name);
    }
    close(fds[i]);
  }
  return 0;
}
