/* process.c - limits, identity, working directory, environment, exec, and the --init reaper. */
#define _GNU_SOURCE
#include "process.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "protocol.h"
#include "pty.h"
#include "trace.h"

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

static char **box_env;
static char *const EMPTY_ENV[] = {NULL};

static int parse_limit(const char *s, rlim_t *out) {
  if (strcmp(s, "unlimited") == 0) {
    *out = RLIM_INFINITY;
    return 0;
  }
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || end == s || *end) return -1;
  *out = (rlim_t)v;
  return 0;
}

int step_rlimit(const struct step *s, struct error *err) {
  struct rlimit limit;
  if (s->argc != 3 || parse_limit(s->argv[1], &limit.rlim_cur) || parse_limit(s->argv[2], &limit.rlim_max))
    return fail(err, "rlimit", EINVAL, "needs a resource, a soft and a hard limit");
  int resource = atoi(s->argv[0]);
  trace("rlimit %d: soft %s, hard %s", resource, s->argv[1], s->argv[2]);
  if (setrlimit(resource, &limit) < 0)
    return fail(err, "rlimit", errno, "cannot set limit %d to %s:%s", resource, s->argv[1], s->argv[2]);
  return 0;
}

int step_user(const struct step *s, struct error *err) {
  if (s->argc < 2) return fail(err, "user", EINVAL, "needs a uid and a gid");
  uid_t uid = (uid_t)strtoul(s->argv[0], NULL, 10);
  gid_t gid = (gid_t)strtoul(s->argv[1], NULL, 10);
  int count = s->argc - 2;
  gid_t groups[NGROUPS_MAX];
  if (count > NGROUPS_MAX) return fail(err, "user", EINVAL, "too many supplementary groups");
  for (int i = 0; i < count; i++) groups[i] = (gid_t)strtoul(s->argv[2 + i], NULL, 10);
  trace("user %u, group %u, %d supplementary groups", uid, gid, count);
  /* The terminal belongs to the user who runs in the box, as with docker. */
  if (console_fd_for_user() >= 0 && fchown(console_fd_for_user(), uid, gid) < 0)
    return fail(err, "user", errno, "cannot give the terminal to %u:%u", uid, gid);
  if (setgroups((size_t)count, groups) < 0) {
    /* With a single id mapping setgroups(2) is denied; only an empty list is then expected. */
    if (!(errno == EPERM && count == 0)) return fail(err, "user", errno, "cannot set supplementary groups");
  }
  /* Keep the permitted set across the uid change: the caps step then sets the final sets. */
  if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0) return fail(err, "user", errno, "PR_SET_KEEPCAPS");
  if (setresgid(gid, gid, gid) < 0) return fail(err, "user", errno, "cannot switch to group %u (is it mapped?)", gid);
  if (setresuid(uid, uid, uid) < 0) return fail(err, "user", errno, "cannot switch to user %u (is it mapped?)", uid);
  if (prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) < 0) return fail(err, "user", errno, "PR_SET_KEEPCAPS");
  /* Changing credentials clears the parent-death signal: set it again. */
  prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
  return 0;
}

int step_chdir(const struct step *s, struct error *err) {
  if (s->argc != 1) return fail(err, "working directory", EINVAL, "needs a path");
  trace("working directory %s", s->argv[0]);
  if (chdir(s->argv[0]) < 0) return fail(err, "working directory", errno, "cannot change to %s", s->argv[0]);
  return 0;
}

int step_close_fds(const struct step *s, struct error *err) {
  (void)s;
  trace("every file descriptor above 2 closed on exec");
  if (syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) == 0) return 0;
  /* Older kernels: mark them one by one. */
  DIR *d = opendir("/proc/self/fd");
  if (!d) return fail(err, "close fds", errno, "cannot list /proc/self/fd");
  int self = dirfd(d);
  struct dirent *e;
  while ((e = readdir(d))) {
    int fd = atoi(e->d_name);
    if (fd > 2 && fd != self) fcntl(fd, F_SETFD, FD_CLOEXEC);
  }
  closedir(d);
  return 0;
}

int step_env(const struct step *s, struct error *err) {
  (void)err;
  box_env = s->argv;
  trace("environment: %d variables", s->argc);
  return 0;
}

static const char *lookup_path(void) {
  for (char **e = box_env; e && *e; e++) {
    if (strncmp(*e, "PATH=", 5) == 0) return *e + 5;
  }
  return "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
}

/* execve, looking argv[0] up in the box's PATH as execvp would; returns only on failure. */
static int exec_command(char **argv, struct error *err) {
  char *const *env = box_env ? box_env : EMPTY_ENV;
  if (strchr(argv[0], '/')) {
    execve(argv[0], argv, env);
    int saved = errno;
    if (saved == ENOENT || saved == ENOTDIR)
      return fail_with(err, HELPER_EXIT_NOT_FOUND, "exec", saved, "\"%s\": no such file or directory", argv[0]);
    return fail_with(err, HELPER_EXIT_CANNOT_EXEC, "exec", saved, "\"%s\" cannot be run", argv[0]);
  }
  const char *path = lookup_path();
  int denied = 0;
  char candidate[PATH_MAX];
  for (const char *p = path;; ) {
    const char *colon = strchr(p, ':');
    size_t len = colon ? (size_t)(colon - p) : strlen(p);
    int n = snprintf(candidate, sizeof candidate, "%.*s/%s", (int)len, len ? p : ".", argv[0]);
    if (n > 0 && (size_t)n < sizeof candidate) {
      execve(candidate, argv, env);
      if (errno == EACCES) denied = errno;
      else if (errno != ENOENT && errno != ENOTDIR)
        return fail_with(err, HELPER_EXIT_CANNOT_EXEC, "exec", errno, "\"%s\" cannot be run", candidate);
    }
    if (!colon) break;
    p = colon + 1;
  }
  if (denied) return fail_with(err, HELPER_EXIT_CANNOT_EXEC, "exec", denied, "\"%s\": permission denied", argv[0]);
  return fail_with(err, HELPER_EXIT_NOT_FOUND, "exec", 0, "\"%s\": executable file not found in $PATH", argv[0]);
}

/* pid 1 with --init: reap every orphan, pass signals on to the command, exit as it exits. */
static int run_init(pid_t command) {
  sigset_t all;
  sigfillset(&all);
  sigprocmask(SIG_BLOCK, &all, NULL);
  for (;;) {
    siginfo_t info;
    int sig = sigwaitinfo(&all, &info);
    if (sig < 0) continue;
    if (sig != SIGCHLD) {
      kill(command, sig);
      continue;
    }
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
      if (pid == command) {
        if (WIFEXITED(status)) _exit(WEXITSTATUS(status));
        _exit(128 + WTERMSIG(status));
      }
    }
  }
}

int step_exec(const struct step *s, int init, int error_fd, struct error *err) {
  if (s->argc < 1) return fail(err, "exec", EINVAL, "no command");
  trace("exec %s%s", s->argv[0], init ? " (under a minimal init as pid 1)" : "");
  if (init) {
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);
    pid_t command = fork();
    if (command < 0) return fail(err, "init", errno, "cannot fork the command");
    if (command > 0) {
      if (error_fd >= 0) close(error_fd); /* the command reports its own exec failure */
      run_init(command);
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
  }
  return exec_command(s->argv, err);
}
