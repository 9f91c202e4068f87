/* check.h - the C tests' one assertion: CHECK(cond) reports a failed condition and counts it. */
#ifndef FOXBOX_CHECK_H
#define FOXBOX_CHECK_H

#include <stdio.h>

static int failures;

#define CHECK(cond)                                                        \
  do {                                                                     \
    if (!(cond)) {                                                         \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      failures++;                                                          \
    }                                                                      \
  } while (0)

#endif
