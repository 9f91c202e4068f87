/* pty.c - the box's terminal: created in the box, its master passed to the parent. */
#define _GNU_SOURCE
#include "pty.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "trace.h"

static int console = -1;

int console_fd_for_user(void) {
  return console;
}

static int send_fd(int sock, int fd) {
  char byte = 'M';
  struct iovec iov = {.iov_base = &byte, .iov_len = 1};
  char control[CMSG_SPACE(sizeof(int))];
  memset(control, 0, sizeof control);
  struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control};
  struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  memcpy(CMSG_DATA(c), &fd, sizeof(int));
  return sendmsg(sock, &msg, MSG_NOSIGNAL) == 1 ? 0 : -1;
}

int pty_receive_master(int sock) {
  char byte;
  struct iovec iov = {.iov_base = &byte, .iov_len = 1};
  char control[CMSG_SPACE(sizeof(int))];
  struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control};
  ssize_t n;
  do {
    n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
  } while (n < 0 && errno == EINTR);
  if (n != 1) return -1;
  struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
  if (!c || c->cmsg_type != SCM_RIGHTS) return -1;
  int fd;
  memcpy(&fd, CMSG_DATA(c), sizeof(int));
  return fd;
}

int step_stdio(const struct step *s, int console_socket, struct error *err) {
  if (s->argc != 1) return fail(err, "stdio", EINVAL, "needs pty, inherit or null");
  const char *mode = s->argv[0];
  if (strcmp(mode, "inherit") == 0) {
    trace("stdin, stdout and stderr passed through");
    return 0;
  }
  if (strcmp(mode, "null") == 0) {
    trace("stdin from /dev/null");
    int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (fd < 0 || dup2(fd, 0) < 0) return fail(err, "stdio", errno, "cannot open /dev/null");
    close(fd);
    return 0;
  }
  if (strcmp(mode, "pty") != 0) return fail(err, "stdio", EINVAL, "unknown stdio mode '%s'", mode);
  trace("a terminal from the box's own /dev/pts; its master goes to the parent");
  int master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master < 0) return fail(err, "terminal", errno, "cannot open /dev/ptmx in the box");
  int unlock = 0;
  if (ioctl(master, TIOCSPTLCK, &unlock) < 0) return fail(err, "terminal", errno, "cannot unlock the pty");
  int slave = ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY);
  if (slave < 0) return fail(err, "terminal", errno, "cannot open the pty's peer");
  if (send_fd(console_socket, master) < 0) return fail(err, "terminal", errno, "cannot pass the pty to the parent");
  close(master);
  if (setsid() < 0) return fail(err, "terminal", errno, "setsid");
  if (ioctl(slave, TIOCSCTTY, 0) < 0) return fail(err, "terminal", errno, "cannot make the pty the controlling terminal");
  for (int fd = 0; fd < 3; fd++) {
    if (dup2(slave, fd) < 0) return fail(err, "terminal", errno, "dup2");
  }
  if (slave > 2) close(slave);
  console = 0;
  return 0;
}

int terminal_make_raw(int fd, struct termios *saved) {
  if (!isatty(fd) || tcgetattr(fd, saved) < 0) return 0;
  struct termios raw = *saved;
  cfmakeraw(&raw);
  tcsetattr(fd, TCSANOW, &raw);
  return 1;
}

void terminal_restore(int fd, const struct termios *saved) {
  tcsetattr(fd, TCSANOW, saved);
}

void copy_window_size(int from, int to) {
  struct winsize ws;
  if (ioctl(from, TIOCGWINSZ, &ws) == 0) ioctl(to, TIOCSWINSZ, &ws);
}
