/* C tests of the handover (launch.h) with a shell standing in for the JVM; run by `make test`. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "launch.h"

/* The status a `foxbox-helper launch sh -c SCRIPT` would exit with. It runs in a child: await_plan
 * blocks signals and reaps children, which is no business of this test's own process. */
static int launch_status(const char *script) {
  pid_t pid = fork();
  if (pid == 0) {
    char *argv[] = {"sh", "-c", (char *)script, NULL};
    struct error err;
    int java, plan_fd, reply_fd;
    if (launch_java(argv, &java, &plan_fd, &reply_fd, &err) < 0) _exit(200);
    _exit(await_plan(java, plan_fd, reply_fd));
  }
  int status;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* The fds the "JVM" finds in FOXBOX_HANDOVER, set as PLAN and REPLY; its parent's pid as HELPER. */
#define CHANNEL "IFS=: read HELPER PLAN REPLY <<EOF\n$FOXBOX_HANDOVER\nEOF\n"

static void a_jvm_that_hands_nothing_over_gives_its_own_status(void) {
  CHECK(launch_status("exit 5") == 5);
  CHECK(launch_status("exit 0") == 0);
  CHECK(launch_status("kill -TERM $$") == 128 + 15);
}

static void the_channel_names_the_helper_and_two_open_fds(void) {
  CHECK(launch_status(CHANNEL "[ \"$HELPER\" = \"$PPID\" ] && [ -e /proc/self/fd/$PLAN ] && [ -e /proc/self/fd/$REPLY ]") == 0);
}

static void a_request_that_is_not_a_plan_is_refused(void) {
  /* The helper answers nothing and closes the reply pipe: the "JVM" reads its end, then exits 7. */
  CHECK(launch_status(CHANNEL "echo 'bogus' >/proc/self/fd/$PLAN; "
                              "[ -z \"$(cat /proc/self/fd/$REPLY)\" ] && exit 7; exit 1") == 7);
}

static void a_plan_that_cannot_be_read_is_answered_with_a_failure(void) {
  /* The monitor cannot read the plan: it answers 125 (one byte) and the box never runs, so the
   * "JVM"'s status stands. */
  CHECK(launch_status(CHANNEL "echo 'run /nonexistent/plan' >/proc/self/fd/$PLAN; "
                              "code=$(od -An -tu1 /proc/self/fd/$REPLY | tr -d ' '); exit $((code - 100))") == 25);
}

static void a_jvm_gone_before_the_answer_does_not_take_the_helper_with_it(void) {
  /* The "JVM" lets go of the reply pipe, hands over a plan that fails and exits: the answer meets
   * a pipe with no reader, and the helper still ends with the JVM's status. */
  CHECK(launch_status(CHANNEL "eval \"exec $REPLY<&-\"; echo 'run /nonexistent/plan' >/proc/self/fd/$PLAN; exit 9") == 9);
}

int main(void) {
  a_jvm_that_hands_nothing_over_gives_its_own_status();
  the_channel_names_the_helper_and_two_open_fds();
  a_request_that_is_not_a_plan_is_refused();
  a_plan_that_cannot_be_read_is_answered_with_a_failure();
  a_jvm_gone_before_the_answer_does_not_take_the_helper_with_it();
  return checks_done("test_launch");
}
