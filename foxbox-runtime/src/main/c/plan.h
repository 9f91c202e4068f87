/*
 * plan.h - the PLAN file (see protocol.h) as read by the helper: a list of steps, each a name
 * and length-prefixed arguments. Reading only splits; the meaning of each step lives with the
 * code that executes it.
 */
#ifndef FOXBOX_PLAN_H
#define FOXBOX_PLAN_H

#include <stddef.h>

#include "errors.h"

struct step {
  const char *name;
  int argc;
  char **argv;     /* NUL-terminated copies; argv[argc] == NULL */
  size_t *lengths; /* byte lengths, for binary arguments */
};

struct plan {
  char *bytes;       /* the whole file; steps point into copies, not into it */
  struct step *steps;
  int count;
};

int plan_read(const char *path, struct plan *plan, struct error *err);

/* The index of the first step named name at or after from, or -1. */
int plan_find(const struct plan *plan, const char *name, int from);

#endif
