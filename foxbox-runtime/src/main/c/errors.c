/* errors.c - filling and reporting struct error. */
#define _GNU_SOURCE
#include "errors.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "protocol.h"

static int vfail(struct error *err, int exit_code, const char *stage, int errnum, const char *fmt, va_list ap) {
  snprintf(err->stage, sizeof err->stage, "%s", stage);
  err->errnum = errnum;
  err->exit_code = exit_code;
  vsnprintf(err->message, sizeof err->message, fmt, ap);
  for (char *c = err->message; *c; c++) {
    if (*c == '\n' || *c == '\t') *c = ' '; /* one line, three fields */
  }
  return -1;
}

int fail(struct error *err, const char *stage, int errnum, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vfail(err, HELPER_EXIT_FAILED, stage, errnum, fmt, ap);
  va_end(ap);
  return -1;
}

int fail_with(struct error *err, int exit_code, const char *stage, int errnum, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vfail(err, exit_code, stage, errnum, fmt, ap);
  va_end(ap);
  return -1;
}

void write_error_file(const char *path, const struct error *err) {
  char line[800];
  /* The message ends with strerror's words, so Java needs no errno table. */
  int n = snprintf(line, sizeof line, "%s\t%d\t%s%s%s\n", err->stage, err->errnum, err->message,
                   err->errnum ? ": " : "", err->errnum ? strerror(err->errnum) : "");
  if (n < 0) return;
  if ((size_t)n >= sizeof line) n = sizeof line - 1;
  int fd = path ? open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600) : -1;
  if (fd < 0) {
    fprintf(stderr, "foxbox-helper: %s: %s%s%s\n", err->stage, err->message, err->errnum ? ": " : "",
            err->errnum ? strerror(err->errnum) : "");
    return;
  }
  ssize_t w = write(fd, line, (size_t)n);
  (void)w;
  close(fd);
}
