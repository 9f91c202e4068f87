/*
 * launch.h - `foxbox run` as one process that outlives its JVM.
 *
 * The launcher starts `foxbox run` as `foxbox-helper launch JAVA ARG...`. The helper starts the
 * JVM as its child, with two pipes named in HANDOVER_ENV, and re-executes itself from its sealed
 * copy while the JVM starts. Java plans the box as always, then hands the plan over instead of
 * starting a helper of its own; the helper runs it in a child (the monitor, which stays if this
 * process is killed, as it would if the JVM were) and the JVM exits as soon as the box runs,
 * letting go of its stdio first: it is not waited for. This process, the one the user's shell
 * waits for, exits with the box's status once the monitor has. When the JVM hands nothing over
 * (`run -d`, an error, `run --help`), it exits with the JVM's status.
 */
#ifndef FOXBOX_LAUNCH_H
#define FOXBOX_LAUNCH_H

#include "errors.h"

/* Starts the JVM (java_argv[0] looked for on PATH if it has no slash) with the two pipes'
 * other ends: *plan_fd to read its request from, *reply_fd to answer on. */
int launch_java(char **java_argv, int *java, int *plan_fd, int *reply_fd, struct error *err);

/* Waits for the JVM's plan and runs it. Returns the status to exit with: the box's, once it ran;
 * else the JVM's (which printed why). */
int await_plan(int java, int plan_fd, int reply_fd);

#endif
