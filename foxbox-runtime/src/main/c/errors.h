/*
 * errors.h - one rule for failures (crun's): a function that fails returns -1 and fills a
 * struct error; only main.c decides to exit. The error travels from the box's child process to
 * the parent over a pipe, and from there to Java in the ERRORFILE.
 */
#ifndef FOXBOX_ERRORS_H
#define FOXBOX_ERRORS_H

#include <stddef.h>

struct error {
  char stage[64];    /* what was being done: "mount /proc", "exec", "uid map" */
  int errnum;        /* errno, or 0 */
  int exit_code;     /* HELPER_EXIT_* to report */
  char message[512]; /* plain words, one line */
};

/* Fills err and returns -1, so callers can write: return fail(err, "pivot_root", errno, "..."). */
int fail(struct error *err, const char *stage, int errnum, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The same, with an exit code other than HELPER_EXIT_FAILED (126, 127 for exec failures). */
int fail_with(struct error *err, int exit_code, const char *stage, int errnum, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Writes "stage\terrno\tmessage\n" to path (or to stderr when path is NULL). */
void write_error_file(const char *path, const struct error *err);

#endif
