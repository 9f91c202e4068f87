/* monitor.c - the box's output, terminal, signals and exit status. */
#define _GNU_SOURCE
#include "monitor.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "protocol.h"
#include "pty.h"

static void write_all(int fd, const char *buf, size_t len) {
  for (size_t off = 0; off < len;) {
    ssize_t w = write(fd, buf + off, len - off);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return;
    off += (size_t)w;
  }
}

/* Reads what fd has; copies it to copy_to (if >= 0) and the log. Returns 0 at end of stream. */
static int pump(int fd, int copy_to, struct box_log *log, enum box_stream stream) {
  char buf[16384];
  ssize_t r = read(fd, buf, sizeof buf);
  if (r < 0 && (errno == EINTR || errno == EAGAIN)) return 1;
  if (r <= 0) return 0;
  if (copy_to >= 0) write_all(copy_to, buf, (size_t)r);
  if (log) boxlog_write(log, stream, buf, (size_t)r);
  return 1;
}

int exit_status(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return HELPER_EXIT_FAILED;
}

int monitor_box(struct monitored m) {
  struct termios saved;
  int raw = 0;
  if (m.master >= 0 && m.attached) {
    raw = terminal_make_raw(STDIN_FILENO, &saved);
    copy_window_size(STDIN_FILENO, m.master);
  }
  int stdin_open = m.master >= 0 && m.attached;
  int status = 0;
  int exited = 0;
  /* Until the box has exited and every output stream has ended (or gone quiet after the exit). */
  while (!exited || m.master >= 0 || m.out_fd >= 0 || m.err_fd >= 0) {
    struct pollfd fds[5] = {
        {.fd = exited ? -1 : m.sigfd, .events = POLLIN}, {.fd = m.master, .events = POLLIN},
        {.fd = m.out_fd, .events = POLLIN},              {.fd = m.err_fd, .events = POLLIN},
        {.fd = stdin_open ? STDIN_FILENO : -1, .events = POLLIN}};
    int n = poll(fds, 5, exited ? 100 : -1);
    if (n < 0 && errno != EINTR) break;
    if (n == 0 && exited) break; /* background processes of the box hold the output open: stop here */
    if (fds[0].revents & POLLIN) {
      struct signalfd_siginfo si;
      if (read(m.sigfd, &si, sizeof si) == sizeof si) {
        if (si.ssi_signo == SIGCHLD) {
          if (waitpid(m.child, &status, WNOHANG) == m.child) exited = 1;
        } else if (si.ssi_signo == SIGWINCH) {
          if (m.master >= 0 && m.attached) copy_window_size(STDIN_FILENO, m.master);
        } else if (!(si.ssi_code == SI_KERNEL && m.master < 0 && m.attached)) {
          /* A terminal's ^C (SI_KERNEL) already reached the box: it is in our process group. */
          kill(m.child, (int)si.ssi_signo);
        }
      }
    }
    if (m.master >= 0 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) &&
        !pump(m.master, m.attached ? STDOUT_FILENO : -1, m.log, STREAM_STDOUT)) {
      close(m.master);
      m.master = -1;
    }
    if (m.out_fd >= 0 && (fds[2].revents & (POLLIN | POLLHUP | POLLERR)) &&
        !pump(m.out_fd, m.attached ? STDOUT_FILENO : -1, m.log, STREAM_STDOUT)) {
      close(m.out_fd);
      m.out_fd = -1;
    }
    if (m.err_fd >= 0 && (fds[3].revents & (POLLIN | POLLHUP | POLLERR)) &&
        !pump(m.err_fd, m.attached ? STDERR_FILENO : -1, m.log, STREAM_STDERR)) {
      close(m.err_fd);
      m.err_fd = -1;
    }
    if (stdin_open && (fds[4].revents & (POLLIN | POLLHUP))) {
      char buf[4096];
      ssize_t r = read(STDIN_FILENO, buf, sizeof buf);
      if (r <= 0) stdin_open = 0;
      else write_all(m.master, buf, (size_t)r);
    }
  }
  if (!exited) waitpid(m.child, &status, 0);
  if (raw) terminal_restore(STDIN_FILENO, &saved);
  if (m.log) boxlog_flush(m.log);
  return exit_status(status);
}

int detach_monitor(int *ready_fd) {
  int ready[2];
  if (pipe2(ready, O_CLOEXEC) < 0) return -1;
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid > 0) {
    close(ready[1]);
    unsigned char code = HELPER_EXIT_FAILED;
    ssize_t r;
    do {
      r = read(ready[0], &code, 1);
    } while (r < 0 && errno == EINTR);
    _exit(r == 1 ? code : HELPER_EXIT_FAILED);
  }
  close(ready[0]);
  setsid();
  int null = open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null >= 0) {
    dup2(null, STDIN_FILENO);
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    close(null);
  }
  *ready_fd = ready[1];
  return 0;
}
