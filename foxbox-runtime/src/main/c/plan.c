/* plan.c - reading the PLAN file: "foxbox-plan 1\n" then "<name> <argc> <len>:<bytes> ...\n" lines. */
#define _GNU_SOURCE
#include "plan.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "protocol.h"

static int read_file(const char *path, char **out, size_t *size, struct error *err) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail(err, "read plan", errno, "cannot open %s", path);
  struct stat st;
  if (fstat(fd, &st) < 0 || st.st_size > PLAN_MAX_BYTES) {
    close(fd);
    return fail(err, "read plan", errno, "%s is missing or larger than %d bytes", path, PLAN_MAX_BYTES);
  }
  char *buf = malloc((size_t)st.st_size + 1);
  if (!buf) {
    close(fd);
    return fail(err, "read plan", ENOMEM, "out of memory");
  }
  size_t done = 0;
  while (done < (size_t)st.st_size) {
    ssize_t n = read(fd, buf + done, (size_t)st.st_size - done);
    if (n <= 0) {
      close(fd);
      free(buf);
      return fail(err, "read plan", n < 0 ? errno : 0, "short read of %s", path);
    }
    done += (size_t)n;
  }
  close(fd);
  buf[done] = '\0';
  *out = buf;
  *size = done;
  return 0;
}

/* Reads a decimal number ending at stop; advances *p past stop. */
static int read_number(const char **p, const char *end, char stop, size_t *value) {
  size_t v = 0;
  const char *s = *p;
  if (s >= end || *s < '0' || *s > '9') return -1;
  while (s < end && *s >= '0' && *s <= '9') {
    if (v > PLAN_MAX_BYTES) return -1;
    v = v * 10 + (size_t)(*s - '0');
    s++;
  }
  if (s >= end || *s != stop) return -1;
  *p = s + 1;
  *value = v;
  return 0;
}

static int parse_step(const char **p, const char *end, struct step *step, int line, struct error *err) {
  const char *s = *p;
  const char *space = memchr(s, ' ', (size_t)(end - s));
  if (!space || space == s) return fail(err, "read plan", 0, "line %d: no step name", line);
  step->name = strndup(s, (size_t)(space - s));
  s = space + 1;
  size_t argc;
  if (read_number(&s, end, ' ', &argc) < 0 && read_number(&s, end, '\n', &argc) < 0)
    return fail(err, "read plan", 0, "line %d (%s): bad argument count", line, step->name);
  if (argc > 100000) return fail(err, "read plan", 0, "line %d (%s): too many arguments", line, step->name);
  step->argc = (int)argc;
  step->argv = calloc(argc + 1, sizeof(char *));
  step->lengths = calloc(argc + 1, sizeof(size_t));
  if (!step->argv || !step->lengths) return fail(err, "read plan", ENOMEM, "out of memory");
  for (size_t i = 0; i < argc; i++) {
    size_t len;
    if (read_number(&s, end, ':', &len) < 0 || len > (size_t)(end - s))
      return fail(err, "read plan", 0, "line %d (%s): bad argument %zu", line, step->name, i);
    step->argv[i] = malloc(len + 1);
    if (!step->argv[i]) return fail(err, "read plan", ENOMEM, "out of memory");
    memcpy(step->argv[i], s, len);
    step->argv[i][len] = '\0';
    step->lengths[i] = len;
    s += len;
    char sep = i + 1 < argc ? ' ' : '\n';
    if (s >= end || *s != sep) return fail(err, "read plan", 0, "line %d (%s): argument %zu not terminated", line, step->name, i);
    s++;
  }
  *p = s;
  return 0;
}

int plan_read(const char *path, struct plan *plan, struct error *err) {
  size_t size = 0;
  memset(plan, 0, sizeof *plan);
  if (read_file(path, &plan->bytes, &size, err) < 0) return -1;
  const char *p = plan->bytes;
  const char *end = plan->bytes + size;
  size_t magic = strlen(PLAN_MAGIC);
  if (size <= magic || memcmp(p, PLAN_MAGIC, magic) != 0 || p[magic] != '\n')
    return fail(err, "read plan", 0, "%s is not a foxbox plan (version mismatch between foxbox and its helper?)", path);
  p += magic + 1;
  int capacity = 64;
  plan->steps = calloc((size_t)capacity, sizeof(struct step));
  if (!plan->steps) return fail(err, "read plan", ENOMEM, "out of memory");
  for (int line = 2; p < end; line++) {
    if (plan->count == capacity) {
      capacity *= 2;
      struct step *more = realloc(plan->steps, (size_t)capacity * sizeof(struct step));
      if (!more) return fail(err, "read plan", ENOMEM, "out of memory");
      plan->steps = more;
    }
    if (parse_step(&p, end, &plan->steps[plan->count], line, err) < 0) return -1;
    plan->count++;
  }
  return 0;
}

int plan_find(const struct plan *plan, const char *name, int from) {
  for (int i = from; i < plan->count; i++) {
    if (strcmp(plan->steps[i].name, name) == 0) return i;
  }
  return -1;
}
