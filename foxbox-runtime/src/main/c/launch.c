/* launch.c - `foxbox run`'s own process: starts the JVM, takes its plan, runs the box (launch.h). */
#define _GNU_SOURCE
#include "launch.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "monitor.h"
#include "protocol.h"
#include "spawn.h"

int launch_java(char **java_argv, int *java, int *plan_fd, int *reply_fd, struct error *err) {
  int plan[2], reply[2];
  if (pipe(plan) < 0) return fail(err, "launch", errno, "cannot create a pipe");
  if (pipe(reply) < 0) {
    close(plan[0]);
    close(plan[1]);
    return fail(err, "launch", errno, "cannot create a pipe");
  }
  int self = (int)getpid();
  pid_t pid = fork();
  if (pid < 0) return fail(err, "launch", errno, "cannot start %s", java_argv[0]);
  if (pid == 0) {
    close(plan[0]);
    close(reply[1]);
    char channel[64];
    snprintf(channel, sizeof channel, "%d:%d:%d", self, plan[1], reply[0]);
    setenv(HANDOVER_ENV, channel, 1);
    execvp(java_argv[0], java_argv);
    fprintf(stderr, "foxbox: cannot run %s: %s\n", java_argv[0], strerror(errno));
    _exit(HELPER_EXIT_FAILED);
  }
  close(plan[1]);
  close(reply[0]);
  *java = (int)pid;
  *plan_fd = plan[0];
  *reply_fd = reply[1];
  return 0;
}

/* Everything await_plan waits for; a pid or fd that has ended is 0 or -1. */
struct waiting {
  int java, java_status;
  int monitor, monitor_status;
  int plan_fd;         /* from the JVM: "run PLAN\n" */
  int reply_fd;        /* to the JVM: the monitor's ready byte */
  int ready_fd;        /* from the monitor */
  int started;         /* the box's command ran */
  int sigfd;
  char request[4200];
  size_t used;
};

static void reap(struct waiting *w) {
  int status;
  pid_t pid;
  while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
    if (pid == w->java) {
      w->java = 0;
      w->java_status = exit_status(status);
    } else if (pid == w->monitor) {
      w->monitor = 0;
      w->monitor_status = exit_status(status);
    }
  }
}

/* Passes a signal on: to the monitor once there is one (it forwards it to the box), else to the
 * JVM. A terminal's ^C or ^\ (SI_KERNEL) reached them already: they are in our process group. */
static void forward(struct waiting *w, const struct signalfd_siginfo *si) {
  if (si->ssi_code == SI_KERNEL) return;
  int to = w->monitor ? w->monitor : w->java;
  if (to) kill(to, (int)si->ssi_signo);
}

static void start_monitor(struct waiting *w) {
  char *end = memchr(w->request, '\n', w->used);
  *end = '\0';
  int ready[2] = {-1, -1};
  size_t verb = strlen(HANDOVER_RUN);
  if (strncmp(w->request, HANDOVER_RUN, verb) != 0 || w->request[verb] != ' ' || pipe2(ready, O_CLOEXEC) < 0) {
    fprintf(stderr, "foxbox-helper: cannot take the plan: '%s'\n", w->request);
    return; /* the JVM reads the end of the reply pipe as a failure */
  }
  pid_t pid = fork();
  if (pid == 0) {
    close(ready[0]);
    close(w->sigfd);
    close(w->reply_fd);
    _exit(run_plan(w->request + verb + 1, ready[1])); /* the monitor */
  }
  close(ready[1]);
  if (pid < 0) {
    close(ready[0]);
    fprintf(stderr, "foxbox-helper: cannot start the box's monitor: %s\n", strerror(errno));
    return;
  }
  w->monitor = (int)pid;
  w->ready_fd = ready[0];
  /* A JVM that is gone by the time the answer is written must not take this process with it. (Blocked
   * here, not ignored, and only now: an ignored SIGPIPE would stay ignored in the box's command.) */
  sigset_t pipe_signal;
  sigemptyset(&pipe_signal);
  sigaddset(&pipe_signal, SIGPIPE);
  sigprocmask(SIG_BLOCK, &pipe_signal, NULL);
}

/* Reads the JVM's request; at its end of line, starts the monitor on it. */
static void read_request(struct waiting *w) {
  ssize_t r = read(w->plan_fd, w->request + w->used, sizeof w->request - 1 - w->used);
  if (r < 0 && errno == EINTR) return;
  if (r > 0) w->used += (size_t)r;
  int line = w->used > 0 && memchr(w->request, '\n', w->used) != NULL;
  if (line || r <= 0 || w->used == sizeof w->request - 1) {
    close(w->plan_fd);
    w->plan_fd = -1;
    if (line) start_monitor(w);
    if (w->ready_fd < 0) {
      close(w->reply_fd); /* no box: the JVM's own exit status stands */
      w->reply_fd = -1;
    }
  }
}

/* Passes the monitor's ready byte (0: the box runs; else the failure's exit code) to the JVM. */
static void relay_ready(struct waiting *w) {
  unsigned char code;
  ssize_t r = read(w->ready_fd, &code, 1);
  if (r < 0 && errno == EINTR) return;
  if (r == 1) {
    w->started = code == 0;
    ssize_t sent = write(w->reply_fd, &code, 1);
    (void)sent; /* a JVM that is gone has nothing left to say */
  }
  close(w->ready_fd);
  w->ready_fd = -1;
  close(w->reply_fd);
  w->reply_fd = -1;
}

int await_plan(int java, int plan_fd, int reply_fd) {
  struct waiting w = {.java = java, .java_status = HELPER_EXIT_FAILED, .monitor_status = HELPER_EXIT_FAILED,
                      .plan_fd = plan_fd, .reply_fd = reply_fd, .ready_fd = -1};
  fcntl(plan_fd, F_SETFD, FD_CLOEXEC);
  fcntl(reply_fd, F_SETFD, FD_CLOEXEC);
  /* Blocked here and read from a signalfd; the monitor keeps them blocked for its own signalfd,
   * and the box's process unblocks them. */
  sigset_t mask;
  sigemptyset(&mask);
  int forwarded[] = {SIGCHLD, SIGINT, SIGTERM, SIGHUP, SIGQUIT};
  for (size_t i = 0; i < sizeof forwarded / sizeof forwarded[0]; i++) sigaddset(&mask, forwarded[i]);
  sigprocmask(SIG_BLOCK, &mask, NULL);
  w.sigfd = signalfd(-1, &mask, SFD_CLOEXEC);
  reap(&w); /* the JVM may have ended before the mask was set */

  /* Until the monitor has ended and nothing more can come from the JVM. Once the box runs, the JVM
   * has nothing left to do or say (it lets go of its stdio) and exits on its own; it is not waited
   * for, so a short box's end does not wait for the JVM's exit (2 ms, BENCHMARKS.md, "Run"). */
  while ((w.java && !w.started) || w.monitor || w.plan_fd >= 0 || w.ready_fd >= 0) {
    struct pollfd fds[3] = {{.fd = w.sigfd, .events = POLLIN}, {.fd = w.plan_fd, .events = POLLIN},
                            {.fd = w.ready_fd, .events = POLLIN}};
    if (poll(fds, 3, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[0].revents & POLLIN) {
      struct signalfd_siginfo si;
      if (read(w.sigfd, &si, sizeof si) == (ssize_t)sizeof si) {
        if (si.ssi_signo == SIGCHLD) reap(&w);
        else forward(&w, &si);
      }
    }
    if (w.plan_fd >= 0 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) read_request(&w);
    if (w.ready_fd >= 0 && (fds[2].revents & (POLLIN | POLLHUP | POLLERR))) relay_ready(&w);
  }
  if (w.java && !w.started) waitpid(w.java, NULL, 0);
  return w.started ? w.monitor_status : w.java_status;
}
