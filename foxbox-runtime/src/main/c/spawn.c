/* spawn.c - start the box's first process in new namespaces (or in a running box's), then watch it. */
#define _GNU_SOURCE
#include "spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "boxlog.h"
#include "child.h"
#include "errors.h"
#include "monitor.h"
#include "protocol.h"
#include "slirp.h"
#include "pty.h"
#include "remove.h"
#include "state.h"
#include "trace.h"
#include "userns.h"

static const int FORWARDED[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGCONT, SIGWINCH};

static const char *namespace_names(int flags, char *buf, size_t size) {
  static const struct { int flag; const char *name; } NS[] = {
      {CLONE_NEWUSER, "user"}, {CLONE_NEWNS, "mount"}, {CLONE_NEWPID, "pid"}, {CLONE_NEWUTS, "uts"},
      {CLONE_NEWIPC, "ipc"},   {CLONE_NEWCGROUP, "cgroup"}, {CLONE_NEWNET, "net"}};
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < sizeof NS / sizeof NS[0]; i++) {
    if (flags & NS[i].flag) used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? " " : "", NS[i].name);
  }
  return buf;
}

/* Moves the box's first process (and so everything it starts) into its cgroup. */
static int join_cgroup(const char *dir, pid_t pid, struct error *err) {
  char path[4200], value[24];
  snprintf(path, sizeof path, "%s/cgroup.procs", dir);
  snprintf(value, sizeof value, "%d", (int)pid);
  trace("cgroup %s", dir);
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return fail(err, "cgroup", errno, "cannot open %s", path);
  ssize_t w = write(fd, value, strlen(value));
  int saved = errno;
  close(fd);
  if (w < 0) return fail(err, "cgroup", saved, "cannot move the box into %s", dir);
  return 0;
}

/* Runs argv and waits for it, its errors on our stderr: foxbox finishing a --rm box's removal. */
static void run_exit_command(char **argv) {
  sigset_t none;
  pid_t pid = fork();
  if (pid == 0) {
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (null >= 0) dup2(null, STDOUT_FILENO); /* foxbox rm prints the box's id */
    execv(argv[0], argv);
    _exit(127);
  }
  if (pid > 0) waitpid(pid, NULL, 0);
}

/* Reports a failure before the box ran: the error file, the detached parent's status. */
static int failed(const struct config *cfg, const struct error *err, int ready_fd) {
  write_error_file(cfg->error_file, err);
  int code = err->exit_code ? err->exit_code : HELPER_EXIT_FAILED;
  if (ready_fd >= 0) {
    unsigned char c = (unsigned char)code;
    ssize_t w = write(ready_fd, &c, 1);
    (void)w;
  }
  return code;
}

int run_plan(const char *path, int ready_fd) {
  struct error err;
  struct plan plan;
  struct config cfg;
  memset(&err, 0, sizeof err);
  memset(&cfg, 0, sizeof cfg);
  if (plan_read(path, &plan, &err) < 0 || config_read(&plan, &cfg, &err) < 0) return failed(&cfg, &err, ready_fd);
  trace_enabled = cfg.trace;
  trace(ready_fd < 0 ? "helper running from a sealed memfd copy of itself"
                     : "helper running from a sealed memfd copy of itself, handed the plan by foxbox's JVM");
  return spawn_box(&plan, &cfg, ready_fd);
}

int spawn_box(const struct plan *plan, const struct config *cfg, int ready_fd) {
  struct error err;
  memset(&err, 0, sizeof err);
  if (cfg->detach && ready_fd >= 0) {
    fail(&err, "detach", 0, "a detached box reports its own readiness");
    return failed(cfg, &err, ready_fd);
  }
  if (cfg->detach && detach_monitor(&ready_fd) < 0) {
    fail(&err, "detach", errno, "cannot start the monitor");
    return failed(cfg, &err, -1);
  }
  /* Output goes through us whenever it is logged; a terminal is relayed anyway. */
  int logged = cfg->log_file != NULL && !cfg->tty;
  int sync_pipe[2], error_pipe[2], console[2] = {-1, -1}, out[2] = {-1, -1}, errs[2] = {-1, -1}, pids[2] = {-1, -1};
  if (pipe2(sync_pipe, O_CLOEXEC) < 0 || pipe2(error_pipe, O_CLOEXEC) < 0 ||
      (cfg->tty && socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, console) < 0) ||
      (logged && (pipe2(out, O_CLOEXEC) < 0 || pipe2(errs, O_CLOEXEC) < 0)) ||
      (cfg->join_pid && pipe2(pids, O_CLOEXEC) < 0)) {
    fail(&err, "start", errno, "cannot create pipes");
    return failed(cfg, &err, ready_fd);
  }
  struct box_log log;
  if (cfg->log_file && boxlog_open(&log, cfg->log_file, (off_t)cfg->log_max_bytes, &err) < 0) return failed(cfg, &err, ready_fd);

  /* Signals wait in a signalfd; the child unblocks them before anything else. */
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGCHLD);
  for (size_t i = 0; i < sizeof FORWARDED / sizeof FORWARDED[0]; i++) sigaddset(&mask, FORWARDED[i]);
  sigprocmask(SIG_BLOCK, &mask, NULL);

  char names[128];
  if (cfg->join_pid) trace("exec in the running box (pid %d)", cfg->join_pid);
  else trace("new namespaces: %s", namespace_names(cfg->clone_flags, names, sizeof names));
  pid_t child = (pid_t)syscall(SYS_clone, (unsigned long)cfg->clone_flags | SIGCHLD, NULL, NULL, NULL, NULL);
  if (child < 0) {
    fail(&err, "namespaces", errno, "clone(%s) failed (are unprivileged user namespaces enabled?)", names);
    return failed(cfg, &err, ready_fd);
  }
  if (child == 0) {
    close(sync_pipe[1]);
    close(error_pipe[0]);
    if (console[0] >= 0) close(console[0]);
    if (out[0] >= 0) close(out[0]);
    if (errs[0] >= 0) close(errs[0]);
    if (pids[0] >= 0) close(pids[0]);
    if (ready_fd >= 0) close(ready_fd);
    struct child_channels ch = {.sync_fd = sync_pipe[0], .error_fd = error_pipe[1], .console_socket = console[1],
                                .out_fd = out[1], .err_fd = errs[1], .pid_fd = pids[1]};
    child_main(plan, cfg, ch);
  }
  close(sync_pipe[0]);
  close(error_pipe[1]);
  if (console[1] >= 0) close(console[1]);
  if (out[1] >= 0) close(out[1]);
  if (errs[1] >= 0) close(errs[1]);
  if (pids[1] >= 0) close(pids[1]);

  if ((cfg->clone_flags & CLONE_NEWUSER) && userns_write_maps(child, cfg, &err) < 0) {
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    return failed(cfg, &err, ready_fd);
  }
  struct slirp slirp = {0};
  if (cfg->cgroup && join_cgroup(cfg->cgroup, child, &err) < 0) {
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    return failed(cfg, &err, ready_fd);
  }
  if (cfg->slirp_binary && (slirp_start(cfg, child, &slirp, &err) < 0 || slirp_forward(cfg, &err) < 0)) {
    slirp_stop(&slirp);
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    return failed(cfg, &err, ready_fd);
  }
  if (write(sync_pipe[1], "g", 1) != 1) {
    fail(&err, "start", errno, "cannot start the box's process");
    return failed(cfg, &err, ready_fd);
  }
  close(sync_pipe[1]);
  if (cfg->join_pid) {
    /* The child joined the box and forked the process that runs the steps: that one is ours now. */
    pid_t steps = 0;
    ssize_t r = read(pids[0], &steps, sizeof steps);
    close(pids[0]);
    waitpid(child, NULL, 0);
    if (r != (ssize_t)sizeof steps || steps <= 0) {
      struct error child_err;
      if (read(error_pipe[0], &child_err, sizeof child_err) == (ssize_t)sizeof child_err) return failed(cfg, &child_err, ready_fd);
      fail(&err, "join", 0, "the box's namespaces could not be entered");
      return failed(cfg, &err, ready_fd);
    }
    child = steps;
  }

  int master = cfg->tty ? pty_receive_master(console[0]) : -1;
  if (console[0] >= 0) close(console[0]);

  /* The error pipe closes when exec succeeds; otherwise it carries the reason. */
  struct error child_err;
  ssize_t got;
  do {
    got = read(error_pipe[0], &child_err, sizeof child_err);
  } while (got < 0 && errno == EINTR);
  close(error_pipe[0]);
  if (got == (ssize_t)sizeof child_err) {
    if (master >= 0) close(master);
    waitpid(child, NULL, 0);
    child_err.stage[sizeof child_err.stage - 1] = '\0';
    child_err.message[sizeof child_err.message - 1] = '\0';
    slirp_stop(&slirp);
    return failed(cfg, &child_err, ready_fd);
  }

  struct box_state state = {.status = "running", .pid = child, .monitor_pid = getpid()};
  rfc3339_now(state.started_at, sizeof state.started_at);
  state_write(cfg->state_file, &state);
  /* The box's file system, reachable from the host while it runs (the original foxbox's boxfs). */
  char root_link[64];
  snprintf(root_link, sizeof root_link, "/proc/%d/root", (int)child);
  if (cfg->boxfs_link) {
    unlink(cfg->boxfs_link);
    if (symlink(root_link, cfg->boxfs_link) == 0) trace("boxfs: %s -> %s", cfg->boxfs_link, root_link);
  }
  if (ready_fd >= 0) {
    unsigned char ok = 0;
    ssize_t w = write(ready_fd, &ok, 1); /* the foxbox that started us may return now */
    (void)w;
    close(ready_fd);
  }

  int sigfd = signalfd(-1, &mask, SFD_CLOEXEC);
  struct monitored m = {.child = child, .sigfd = sigfd, .master = master, .out_fd = out[0], .err_fd = errs[0],
                        .attached = !cfg->detach, .log = cfg->log_file ? &log : NULL};
  int status = monitor_box(m);
  slirp_stop(&slirp); /* its published ports go with it */
  /* The cgroup is empty now; if it is not, foxbox rm tries again, and it needs the box's files. */
  int cgroup_gone = !cfg->cgroup || rmdir(cfg->cgroup) == 0 || errno == ENOENT;
  if (cfg->boxfs_link) unlink(cfg->boxfs_link);
  if (cfg->log_file) boxlog_close(&log);
  int removed = 0;
  if (cfg->remove_on_exit && cgroup_gone) {
    /* In C, as the box ends, instead of in foxbox's JVM once it has woken up: a --rm box's start
     * and end cost 2 ms less (BENCHMARKS.md, "Run"); and done even if that foxbox was killed. */
    char **path = cfg->remove_on_exit;
    for (; *path; path++) {
      if (remove_tree(*path) < 0) break; /* another id's files: foxbox removes the rest */
      trace("removed %s", *path);
    }
    removed = !*path;
    if (removed && cfg->unlink_on_exit && unlink_if_pointing(cfg->unlink_on_exit, cfg->unlink_target) == 0)
      trace("removed %s", cfg->unlink_on_exit);
  }
  if (!removed) { /* a box that is gone needs no state: a write and an fsync spared */
    state.status = "exited";
    state.exit_code = status;
    rfc3339_now(state.finished_at, sizeof state.finished_at);
    state_write(cfg->state_file, &state);
  }
  if (cfg->exit_command && !removed) run_exit_command(cfg->exit_command);
  return status;
}
