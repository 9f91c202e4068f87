/* boxlog.c - the CRI-format log of a box, with size-capped rotation. */
#define _GNU_SOURCE
#include "boxlog.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

static const char *STREAM_NAMES[] = {"stdout", "stderr"};

void rfc3339_now(char *buf, size_t size) {
  struct timespec ts;
  struct tm tm;
  clock_gettime(CLOCK_REALTIME, &ts);
  gmtime_r(&ts.tv_sec, &tm);
  char date[32];
  strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
  snprintf(buf, size, "%s.%09ldZ", date, ts.tv_nsec);
}

int boxlog_open(struct box_log *log, const char *path, off_t max_size, struct error *err) {
  memset(log, 0, sizeof *log);
  log->path = path;
  log->max_size = max_size;
  log->fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (log->fd < 0) return fail(err, "log", errno, "cannot open %s", path);
  struct stat st;
  log->size = fstat(log->fd, &st) == 0 ? st.st_size : 0;
  return 0;
}

static void rotate(struct box_log *log) {
  char old[4096];
  snprintf(old, sizeof old, "%s.1", log->path);
  if (rename(log->path, old) < 0) return;
  int fd = open(log->path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return;
  close(log->fd);
  log->fd = fd;
  log->size = 0;
}

static void record(struct box_log *log, enum box_stream stream, char tag, const char *line, size_t len) {
  if (log->fd < 0) return;
  if (log->max_size > 0 && log->size >= log->max_size) rotate(log);
  char head[64];
  char now[40];
  rfc3339_now(now, sizeof now);
  int n = snprintf(head, sizeof head, "%s %s %c ", now, STREAM_NAMES[stream], tag);
  struct iovec iov[3] = {{head, (size_t)n}, {(void *)line, len}, {"\n", 1}};
  ssize_t w = writev(log->fd, iov, 3);
  if (w > 0) log->size += w;
}

void boxlog_write(struct box_log *log, enum box_stream stream, const char *bytes, size_t len) {
  char *buf = log->partial[stream];
  size_t *have = &log->partial_len[stream];
  for (size_t i = 0; i < len; i++) {
    if (bytes[i] == '\n') {
      record(log, stream, 'F', buf, *have);
      *have = 0;
    } else {
      if (*have == BOXLOG_LINE_MAX) {
        record(log, stream, 'P', buf, *have);
        *have = 0;
      }
      buf[(*have)++] = bytes[i];
    }
  }
}

void boxlog_flush(struct box_log *log) {
  for (int s = 0; s < 2; s++) {
    if (log->partial_len[s]) {
      record(log, (enum box_stream)s, 'P', log->partial[s], log->partial_len[s]);
      log->partial_len[s] = 0;
    }
  }
}

void boxlog_close(struct box_log *log) {
  boxlog_flush(log);
  if (log->fd >= 0) close(log->fd);
  log->fd = -1;
}
