/* C tests of the helper's plan reader and mount flag words; run by `make test` in Maven's test phase. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "config.h"
#include "mount.h"
#include "plan.h"
#include "check.h"
#include "protocol.h"

static const char *write_temp(const char *content, size_t len) {
  static char path[64];
  snprintf(path, sizeof path, "/tmp/foxbox-plan-test-XXXXXX");
  int fd = mkstemp(path);
  if (fd < 0 || write(fd, content, len) != (ssize_t)len) {
    perror("temp file");
    exit(2);
  }
  close(fd);
  return path;
}

static void reads_steps_with_binary_arguments(void) {
  static const char text[] = "foxbox-plan 1\n"
                             "namespaces 2 4:user 5:mount\n"
                             "begin 0\n"
                             "seccomp 3 4:\0\1\n  2:12 5:ERRNO\n"
                             "exec 2 7:/bin/sh 5:a b c\n";
  const char *path = write_temp(text, sizeof text - 1);
  struct plan plan;
  struct error err;
  CHECK(plan_read(path, &plan, &err) == 0);
  CHECK(plan.count == 4);
  CHECK(strcmp(plan.steps[0].name, "namespaces") == 0 && plan.steps[0].argc == 2);
  CHECK(strcmp(plan.steps[0].argv[1], "mount") == 0);
  CHECK(plan.steps[1].argc == 0);
  CHECK(plan.steps[2].lengths[0] == 4 && plan.steps[2].argv[0][1] == 1 && plan.steps[2].argv[0][2] == '\n');
  CHECK(strcmp(plan.steps[3].argv[1], "a b c") == 0);
  CHECK(plan_find(&plan, "exec", 0) == 3);
  struct config cfg;
  CHECK(config_read(&plan, &cfg, &err) == 0);
  CHECK(cfg.first_child_step == 2);
  unlink(path);
}

static void refuses_broken_plans(void) {
  static const char *broken[] = {
      "foxbox-plan 2\nbegin 0\n",          /* another version */
      "foxbox-plan 1\nexec 2 7:/bin/sh\n", /* argument missing */
      "foxbox-plan 1\nexec 1 99:/bin/sh\n",/* length past the end */
      "foxbox-plan 1\nexec x\n",           /* no count */
      "not a plan",
  };
  for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++) {
    const char *path = write_temp(broken[i], strlen(broken[i]));
    struct plan plan;
    struct error err;
    memset(&err, 0, sizeof err);
    CHECK(plan_read(path, &plan, &err) < 0);
    CHECK(strcmp(err.stage, "read plan") == 0);
    CHECK(err.exit_code == HELPER_EXIT_FAILED);
    unlink(path);
  }
}

static void config_needs_begin(void) {
  static const char text[] = "foxbox-plan 1\nnamespaces 1 4:user\n";
  const char *path = write_temp(text, sizeof text - 1);
  struct plan plan;
  struct config cfg;
  struct error err;
  CHECK(plan_read(path, &plan, &err) == 0);
  CHECK(config_read(&plan, &cfg, &err) < 0);
  CHECK(strstr(err.message, "begin") != NULL);
  unlink(path);
}

static void parses_mount_flag_words(void) {
  CHECK(mount_flags("") == 0);
  CHECK(mount_flags("nosuid,nodev,noexec") == (MS_NOSUID | MS_NODEV | MS_NOEXEC));
  CHECK(mount_flags("ro,rec,bind") == (MS_RDONLY | MS_REC | MS_BIND));
  CHECK(mount_flags("nosuid,bogus") == -1);
}

int main(void) {
  reads_steps_with_binary_arguments();
  refuses_broken_plans();
  config_needs_begin();
  parses_mount_flag_words();
  return checks_done("test_plan");
}
