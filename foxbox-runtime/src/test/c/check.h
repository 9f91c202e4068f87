/* check.h - the C tests' one assertion: CHECK(cond) reports a failed condition and counts it;
 * main ends with `return checks_done("test_x");`. */
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

/* What main returns: 1 with the count of failed checks on stderr, else 0 with "NAME: ok". */
static int checks_done(const char *name) {
  if (failures) {
    fprintf(stderr, "%s: %d check(s) failed\n", name, failures);
    return 1;
  }
  printf("%s: ok\n", name);
  return 0;
}

#endif
