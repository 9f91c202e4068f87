/* spawn.c - clone into new namespaces, id maps, then relay and wait. */
#define _GNU_SOURCE
#include "spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "child.h"
#include "errors.h"
#include "protocol.h"
#include "pty.h"
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

static int exit_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return HELPER_EXIT_FAILED;
}

/* Waits for the box, passing signals on and copying terminal bytes both ways. */
static int supervise(pid_t child, int sigfd, int master) {
  struct termios saved;
  int raw = 0;
  if (master >= 0) {
    raw = terminal_make_raw(STDIN_FILENO, &saved);
    copy_window_size(STDIN_FILENO, master);
  }
  int stdin_open = master >= 0;
  int status = 0;
  int exited = 0;
  char buf[16384];
  while (!exited || master >= 0) {
    struct pollfd fds[3] = {{.fd = sigfd, .events = POLLIN},
                            {.fd = master, .events = POLLIN},
                            {.fd = stdin_open ? STDIN_FILENO : -1, .events = POLLIN}};
    if (exited) fds[0].fd = -1;
    int timeout = exited ? 100 : -1; /* once the box is gone, drain what the terminal still holds */
    int n = poll(fds, 3, timeout);
    if (n < 0 && errno != EINTR) break;
    if (n == 0 && exited) break;
    if (fds[0].revents & POLLIN) {
      struct signalfd_siginfo si;
      if (read(sigfd, &si, sizeof si) == sizeof si) {
        if (si.ssi_signo == SIGCHLD) {
          if (waitpid(child, &status, WNOHANG) == child) exited = 1;
        } else if (si.ssi_signo == SIGWINCH) {
          if (master >= 0) copy_window_size(STDIN_FILENO, master);
        } else if (!(si.ssi_code == SI_KERNEL && master < 0)) {
          /* A terminal's ^C (SI_KERNEL) already reached the box: it is in our process group. */
          kill(child, (int)si.ssi_signo);
        }
      }
    }
    if (master >= 0 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) {
      ssize_t r = read(master, buf, sizeof buf);
      if (r <= 0) {
        close(master);
        master = -1;
      } else {
        for (ssize_t off = 0; off < r;) {
          ssize_t w = write(STDOUT_FILENO, buf + off, (size_t)(r - off));
          if (w <= 0) break;
          off += w;
        }
      }
    }
    if (stdin_open && master >= 0 && (fds[2].revents & (POLLIN | POLLHUP))) {
      ssize_t r = read(STDIN_FILENO, buf, sizeof buf);
      if (r <= 0) {
        stdin_open = 0;
      } else {
        ssize_t w = write(master, buf, (size_t)r);
        (void)w;
      }
    }
  }
  if (!exited) waitpid(child, &status, 0);
  if (raw) terminal_restore(STDIN_FILENO, &saved);
  return exit_status(status);
}

int spawn_box(const struct plan *plan, const struct config *cfg) {
  struct error err;
  memset(&err, 0, sizeof err);
  int sync_pipe[2], error_pipe[2], console[2] = {-1, -1};
  if (pipe2(sync_pipe, O_CLOEXEC) < 0 || pipe2(error_pipe, O_CLOEXEC) < 0 ||
      (cfg->tty && socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, console) < 0)) {
    fail(&err, "start", errno, "cannot create pipes");
    write_error_file(cfg->error_file, &err);
    return HELPER_EXIT_FAILED;
  }

  /* Signals wait in a signalfd; the child unblocks them before anything else. */
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGCHLD);
  for (size_t i = 0; i < sizeof FORWARDED / sizeof FORWARDED[0]; i++) sigaddset(&mask, FORWARDED[i]);
  sigprocmask(SIG_BLOCK, &mask, NULL);

  char names[128];
  trace("new namespaces: %s", namespace_names(cfg->clone_flags, names, sizeof names));
  pid_t child = (pid_t)syscall(SYS_clone, (unsigned long)cfg->clone_flags | SIGCHLD, NULL, NULL, NULL, NULL);
  if (child < 0) {
    fail(&err, "namespaces", errno, "clone(%s) failed (are unprivileged user namespaces enabled?)", names);
    write_error_file(cfg->error_file, &err);
    return HELPER_EXIT_FAILED;
  }
  if (child == 0) {
    close(sync_pipe[1]);
    close(error_pipe[0]);
    if (console[0] >= 0) close(console[0]);
    struct child_channels ch = {.sync_fd = sync_pipe[0], .error_fd = error_pipe[1], .console_socket = console[1]};
    child_main(plan, cfg, ch);
  }
  close(sync_pipe[0]);
  close(error_pipe[1]);
  if (console[1] >= 0) close(console[1]);

  if ((cfg->clone_flags & CLONE_NEWUSER) && userns_write_maps(child, cfg, &err) < 0) {
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    write_error_file(cfg->error_file, &err);
    return HELPER_EXIT_FAILED;
  }
  if (write(sync_pipe[1], "g", 1) != 1) {
    fail(&err, "start", errno, "cannot start the box's process");
    write_error_file(cfg->error_file, &err);
    return HELPER_EXIT_FAILED;
  }
  close(sync_pipe[1]);

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
    int status;
    waitpid(child, &status, 0);
    child_err.stage[sizeof child_err.stage - 1] = '\0';
    child_err.message[sizeof child_err.message - 1] = '\0';
    write_error_file(cfg->error_file, &child_err);
    return child_err.exit_code ? child_err.exit_code : HELPER_EXIT_FAILED;
  }

  int sigfd = signalfd(-1, &mask, SFD_CLOEXEC);
  if (sigfd < 0) {
    fail(&err, "start", errno, "signalfd");
    write_error_file(cfg->error_file, &err);
    kill(child, SIGKILL);
    return HELPER_EXIT_FAILED;
  }
  /* The box's file system, reachable from the host while it runs (the original foxbox's boxfs). */
  char root_link[64];
  snprintf(root_link, sizeof root_link, "/proc/%d/root", (int)child);
  if (cfg->boxfs_link) {
    unlink(cfg->boxfs_link);
    if (symlink(root_link, cfg->boxfs_link) == 0) trace("boxfs: %s -> %s", cfg->boxfs_link, root_link);
  }
  int status = supervise(child, sigfd, master);
  if (cfg->boxfs_link) unlink(cfg->boxfs_link);
  return status;
}
