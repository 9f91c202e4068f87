/* slirp.c - starting slirp4netns for a box and publishing its ports through the API socket. */
#define _GNU_SOURCE
#include "slirp.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "trace.h"

int slirp_start(const struct config *cfg, pid_t box, struct slirp *slirp, struct error *err) {
  int ready[2], exit_pipe[2];
  if (pipe2(ready, O_CLOEXEC) < 0 || pipe2(exit_pipe, O_CLOEXEC) < 0) return fail(err, "network", errno, "pipe");
  char pid_arg[24], ready_arg[32], exit_arg[32], mtu_arg[32];
  snprintf(pid_arg, sizeof pid_arg, "%d", (int)box);
  snprintf(ready_arg, sizeof ready_arg, "--ready-fd=%d", ready[1]);
  snprintf(exit_arg, sizeof exit_arg, "--exit-fd=%d", exit_pipe[0]);
  snprintf(mtu_arg, sizeof mtu_arg, "--mtu=%s", cfg->slirp_mtu);
  char *argv[16];
  int n = 0;
  argv[n++] = (char *)cfg->slirp_binary;
  argv[n++] = "--configure";
  argv[n++] = mtu_arg;
  if (!cfg->slirp_host_loopback) argv[n++] = "--disable-host-loopback";
  argv[n++] = "--api-socket";
  argv[n++] = (char *)cfg->slirp_socket;
  argv[n++] = ready_arg;
  argv[n++] = exit_arg;
  argv[n++] = pid_arg;
  argv[n++] = "tap0";
  argv[n] = NULL;
  trace("network: %s --configure %s%s --api-socket %s %d tap0", cfg->slirp_binary, mtu_arg,
        cfg->slirp_host_loopback ? "" : " --disable-host-loopback", cfg->slirp_socket, (int)box);
  unlink(cfg->slirp_socket);
  pid_t pid = fork();
  if (pid < 0) return fail(err, "network", errno, "cannot fork slirp4netns");
  if (pid == 0) {
    /* Only the two pipe ends slirp4netns is told about survive exec. */
    fcntl(ready[1], F_SETFD, 0);
    fcntl(exit_pipe[0], F_SETFD, 0);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    /* Its chatter ("sent tapfd=5 for tap0") is not the box's output; failures show by the ready fd. */
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
      dup2(null, STDIN_FILENO);
      dup2(null, STDOUT_FILENO);
      dup2(null, STDERR_FILENO);
    }
    execv(argv[0], argv);
    _exit(127);
  }
  close(ready[1]);
  close(exit_pipe[0]);
  slirp->pid = pid;
  slirp->exit_fd = exit_pipe[1];
  struct pollfd p = {.fd = ready[0], .events = POLLIN};
  int got = poll(&p, 1, 10000);
  char byte;
  ssize_t r = got > 0 ? read(ready[0], &byte, 1) : -1;
  close(ready[0]);
  if (r != 1) {
    slirp_stop(slirp);
    return fail(err, "network", 0, "slirp4netns did not start (is /dev/net/tun usable by this user, mode 0666?)");
  }
  return 0;
}

/* One request on the API socket; the answer goes to reply. */
static int api_call(const char *socket_path, const char *request, char *reply, size_t size) {
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  snprintf(addr.sun_path, sizeof addr.sun_path, "%s", socket_path);
  if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
    close(fd);
    return -1;
  }
  ssize_t len = (ssize_t)strlen(request);
  if (write(fd, request, (size_t)len) != len) {
    close(fd);
    return -1;
  }
  shutdown(fd, SHUT_WR);
  size_t used = 0;
  ssize_t r;
  while (used + 1 < size && (r = read(fd, reply + used, size - used - 1)) > 0) used += (size_t)r;
  reply[used] = '\0';
  close(fd);
  return 0;
}

int slirp_forward(const struct config *cfg, struct error *err) {
  for (int i = 0; i < cfg->port_count; i++) {
    const struct port_forward *p = &cfg->ports[i];
    char request[256], reply[1024];
    snprintf(request, sizeof request,
             "{\"execute\": \"add_hostfwd\", \"arguments\": {\"proto\": \"%s\", \"host_addr\": \"%s\", \"host_port\": %d, \"guest_addr\": \"10.0.2.100\", \"guest_port\": %d}}",
             p->proto, p->host_addr, p->host_port, p->guest_port);
    trace("publish %s:%d -> box port %d/%s", p->host_addr, p->host_port, p->guest_port, p->proto);
    if (api_call(cfg->slirp_socket, request, reply, sizeof reply) < 0)
      return fail(err, "publish", errno, "cannot reach slirp4netns's API socket %s", cfg->slirp_socket);
    if (!strstr(reply, "\"return\"")) {
      return fail(err, "publish", 0, "cannot publish %s:%d/%s (is the port already in use?): %s", p->host_addr,
                  p->host_port, p->proto, reply);
    }
  }
  return 0;
}

void slirp_stop(struct slirp *slirp) {
  if (slirp->pid <= 0) return;
  close(slirp->exit_fd);
  kill(slirp->pid, SIGTERM);
  waitpid(slirp->pid, NULL, 0);
  slirp->pid = 0;
}
