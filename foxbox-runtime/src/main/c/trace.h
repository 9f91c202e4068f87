/*
 * trace.h - `foxbox run --trace`: each isolation step, in plain words, on stderr, as it is taken.
 */
#ifndef FOXBOX_TRACE_H
#define FOXBOX_TRACE_H

extern int trace_enabled;

void trace(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
