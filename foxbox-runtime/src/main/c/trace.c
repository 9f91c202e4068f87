/* trace.c - the --trace output. */
#define _GNU_SOURCE
#include "trace.h"

#include <stdarg.h>
#include <stdio.h>

int trace_enabled;

void trace(const char *fmt, ...) {
  if (!trace_enabled) return;
  char line[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  /* One write per line, so lines from the parent and the box's child do not interleave. */
  fprintf(stderr, "foxbox trace: %s\n", line);
  fflush(stderr);
}
