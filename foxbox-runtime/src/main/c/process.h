/*
 * process.h - the box's process: limits, user and groups, working directory, environment, exec,
 * and the minimal init that runs as pid 1 with --init.
 */
#ifndef FOXBOX_PROCESS_H
#define FOXBOX_PROCESS_H

#include "errors.h"
#include "plan.h"

int step_rlimit(const struct step *s, struct error *err);
int step_user(const struct step *s, struct error *err);
int step_chdir(const struct step *s, struct error *err);
int step_close_fds(const struct step *s, struct error *err);
int step_env(const struct step *s, struct error *err);
/* Runs argv; returns only on failure. With init, forks first and stays behind as pid 1. */
int step_exec(const struct step *s, int init, int error_fd, struct error *err);

#endif
