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
 * Usage: foxbox-helper run PLAN
 *        foxbox-helper --version
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "errors.h"
#include "plan.h"
#include "protocol.h"
#include "seal.h"
#include "spawn.h"
#include "trace.h"

#ifndef FOXBOX_HELPER_VERSION
#define FOXBOX_HELPER_VERSION "dev"
#endif

extern char **environ;

int main(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "--version") == 0) {
    printf("foxbox-helper %s (%s)\n", FOXBOX_HELPER_VERSION, PLAN_MAGIC);
    return 0;
  }
  if (argc != 3 || strcmp(argv[1], "run") != 0) {
    fprintf(stderr, "usage: foxbox-helper run PLAN\n");
    return HELPER_EXIT_FAILED;
  }
  struct error err;
  memset(&err, 0, sizeof err);
  if (seal_self(argv, environ) < 0) {
    fail(&err, "seal", 0, "cannot re-execute from a sealed copy of the helper");
    write_error_file(NULL, &err);
    return HELPER_EXIT_FAILED;
  }
  struct plan plan;
  struct config cfg;
  if (plan_read(argv[2], &plan, &err) < 0 || config_read(&plan, &cfg, &err) < 0) {
    write_error_file(cfg.error_file, &err);
    return HELPER_EXIT_FAILED;
  }
  trace_enabled = cfg.trace;
  trace("helper running from a sealed memfd copy of itself");
  return spawn_box(&plan, &cfg);
}
