/*
 * spawn.h - the helper's parent side: starts the box's first process in new namespaces, writes
 * its id maps, lets it go, relays its terminal and signals, and returns its exit status.
 */
#ifndef FOXBOX_SPAWN_H
#define FOXBOX_SPAWN_H

#include "config.h"
#include "plan.h"

/* Returns the exit status to leave with: the box's own, or HELPER_EXIT_* (the error is written).
 * ready_fd, if not -1, gets one byte as soon as the box runs (0) or has failed to (the exit code);
 * a detached box makes its own (the detaching parent returns that byte as its status). */
int spawn_box(const struct plan *plan, const struct config *cfg, int ready_fd);

/* Reads the plan at path and spawns its box (`foxbox-helper run PLAN`, and the monitor of a plan
 * handed over, which passes its ready_fd); a plan that cannot be read is reported as spawn_box
 * reports a failure. Returns what spawn_box returns. */
int run_plan(const char *path, int ready_fd);

#endif
