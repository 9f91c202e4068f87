/*
 * foxbox-helper: runs one box, as foxbox's Java side planned it.
 *
 * Java decides everything (the id maps, the mounts, the environment, the capabilities, the
 * seccomp program) and writes it as a PLAN of steps (protocol.h). This program only executes
 * the steps, in order, and reports the first failure as a structured error. It guarantees:
 *
 *   - it runs from a sealed memfd copy of itself, so a box cannot overwrite it (CVE-2019-5736);
 *   - the box runs in a new user namespace (and the mount, pid, uts, ipc, cgroup and network
 *     namespaces the plan names), with the uid/gid maps the plan gives;
 *   - every path the plan names inside the box is resolved inside the box's root: no symlink in
 *     an image redirects a mount to the host (CVE-2021-30465);
 *   - the old root is detached after pivot_root, and every fd above 2 is closed on exec, so
 *     nothing of the host is reachable from the box (CVE-2024-21626);
 *   - the box dies with this process (PR_SET_PDEATHSIG), and its exit status (128+N for a
 *     signal N) is this program's exit status;
 *   - a failure before the box's command runs exits 125 (126: not executable, 127: not
 *     found) with "stage, errno, message" in the plan's ERRORFILE;
 *   - what the plan says to remove once the box has exited (an attached --rm box's record,
 *     directory and name) is removed without following any link in it, on its own file system
 *     only, and the name only while it still points to this box.
 *
 *
 * `foxbox-helper launch JAVA ARG...` is how the launcher starts `foxbox run`: this program starts
 * the JVM, takes the plan it hands over, and runs it as `run PLAN` does, in a monitor process of
 * its own; it exits with the box's status, or the JVM's when no box ran (launch.h).
 *
 * Usage: foxbox-helper run PLAN
 *        foxbox-helper launch JAVA [ARG...]
 *        foxbox-helper --version
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "errors.h"
#include "launch.h"
#include "protocol.h"
#include "seal.h"
#include "spawn.h"

#ifndef FOXBOX_HELPER_VERSION
#define FOXBOX_HELPER_VERSION "dev"
#endif

extern char **environ;

int main(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "--version") == 0) {
    printf("foxbox-helper %s (%s)\n", FOXBOX_HELPER_VERSION, PLAN_MAGIC);
    return 0;
  }
  struct error err;
  memset(&err, 0, sizeof err);
  if (argc >= 3 && strcmp(argv[1], "launch") == 0) {
    int java, plan_fd, reply_fd;
    if (launch_java(argv + 2, &java, &plan_fd, &reply_fd, &err) < 0) {
      write_error_file(NULL, &err);
      return HELPER_EXIT_FAILED;
    }
    /* The JVM starts meanwhile; the box's process will come from the sealed copy. */
    char java_arg[16], plan_arg[16], reply_arg[16];
    snprintf(java_arg, sizeof java_arg, "%d", java);
    snprintf(plan_arg, sizeof plan_arg, "%d", plan_fd);
    snprintf(reply_arg, sizeof reply_arg, "%d", reply_fd);
    char *again[] = {argv[0], "await-plan", java_arg, plan_arg, reply_arg, NULL};
    if (seal_self(again, environ) < 0) {
      fail(&err, "seal", 0, "cannot re-execute from a sealed copy of the helper");
      write_error_file(NULL, &err);
      kill(java, SIGKILL);
      waitpid(java, NULL, 0);
      return HELPER_EXIT_FAILED;
    }
    return await_plan(java, plan_fd, reply_fd); /* already running sealed: no re-exec happened */
  }
  if (argc == 5 && strcmp(argv[1], "await-plan") == 0 && running_sealed()) {
    return await_plan(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]));
  }
  if (argc != 3 || strcmp(argv[1], "run") != 0) {
    fprintf(stderr, "usage: foxbox-helper run PLAN | launch JAVA [ARG...]\n");
    return HELPER_EXIT_FAILED;
  }
  if (seal_self(argv, environ) < 0) {
    fail(&err, "seal", 0, "cannot re-execute from a sealed copy of the helper");
    write_error_file(NULL, &err);
    return HELPER_EXIT_FAILED;
  }
  return run_plan(argv[2], -1);
}
