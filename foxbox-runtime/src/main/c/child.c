/* child.c - runs the plan's steps in order inside the new namespaces. */
#define _GNU_SOURCE
#include "child.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "caps.h"
#include "join.h"
#include "mount.h"
#include "net.h"
#include "process.h"
#include "protocol.h"
#include "pty.h"

typedef int (*step_fn)(const struct step *, struct error *);

static const struct {
  const char *name;
  step_fn run;
} STEPS[] = {
    {STEP_ROOTFS, step_rootfs},       {STEP_MOUNT, step_mount},
    {STEP_BIND, step_bind},           {STEP_MKDIR, step_mkdir},
    {STEP_SYMLINK, step_symlink},     {STEP_MASK, step_mask},
    {STEP_READONLY, step_readonly},   {STEP_PIVOT, step_pivot},
    {STEP_REMOUNT_RO, step_remount_root_ro}, {STEP_HOSTNAME, step_hostname},
    {STEP_LOOPBACK, step_loopback},   {STEP_RLIMIT, step_rlimit},
    {STEP_USER, step_user},           {STEP_CHDIR, step_chdir},
    {STEP_NO_NEW_PRIVS, step_no_new_privs}, {STEP_BOUNDING, step_bounding},
    {STEP_CAPS, step_caps},           {STEP_SECCOMP, step_seccomp},
    {STEP_CLOSE_FDS, step_close_fds}, {STEP_ENV, step_env},
};

static void report(int error_fd, const struct error *err) {
  ssize_t w = write(error_fd, err, sizeof *err);
  (void)w;
  _exit(err->exit_code ? err->exit_code : HELPER_EXIT_FAILED);
}

static int run_step(const struct step *s, const struct config *cfg, struct child_channels ch, struct error *err) {
  if (strcmp(s->name, STEP_STDIO) == 0) return step_stdio(s, ch.console_socket, err);
  if (strcmp(s->name, STEP_EXEC) == 0) return step_exec(s, cfg->init, ch.error_fd, err);
  for (size_t i = 0; i < sizeof STEPS / sizeof STEPS[0]; i++) {
    if (strcmp(s->name, STEPS[i].name) == 0) return STEPS[i].run(s, err);
  }
  return fail(err, "plan", EINVAL, "unknown step '%s'", s->name);
}

void child_main(const struct plan *plan, const struct config *cfg, struct child_channels ch) {
  struct error err;
  memset(&err, 0, sizeof err);
  /* The box dies with its parent: no box outlives the process that watches it. */
  prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);

  char go = 0;
  ssize_t n;
  do {
    n = read(ch.sync_fd, &go, 1);
  } while (n < 0 && errno == EINTR);
  if (n != 1 || go != 'g') _exit(HELPER_EXIT_FAILED); /* the parent gave up; it reports why */
  close(ch.sync_fd);

  if (cfg->join_pid) {
    /* exec: into the box's namespaces, then a child born in its pid namespace runs the steps,
     * as a child of the helper (CLONE_PARENT), which learns its pid from us. */
    if (join_box(cfg->join_pid, &err) < 0) report(ch.error_fd, &err);
    pid_t steps = (pid_t)syscall(SYS_clone, CLONE_PARENT | SIGCHLD, NULL, NULL, NULL, NULL);
    if (steps < 0) {
      fail(&err, "join", errno, "cannot fork in the box's pid namespace");
      report(ch.error_fd, &err);
    }
    if (steps > 0) {
      ssize_t w = write(ch.pid_fd, &steps, sizeof steps);
      _exit(w == sizeof steps ? 0 : HELPER_EXIT_FAILED);
    }
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
  }
  if (ch.pid_fd >= 0) close(ch.pid_fd);
  if (ch.out_fd >= 0 && (dup2(ch.out_fd, STDOUT_FILENO) < 0 || dup2(ch.err_fd, STDERR_FILENO) < 0)) {
    fail(&err, "stdio", errno, "cannot connect stdout and stderr to the log");
    report(ch.error_fd, &err);
  }

  for (int i = cfg->first_child_step; i < plan->count; i++) {
    if (run_step(&plan->steps[i], cfg, ch, &err) < 0) report(ch.error_fd, &err);
  }
  fail(&err, "plan", 0, "the plan ended without an exec step");
  report(ch.error_fd, &err);
  _exit(HELPER_EXIT_FAILED);
}
