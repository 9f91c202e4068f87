/*
 * boxlog.h - a box's log: what its command writes on stdout and stderr, one line per record in
 * the CRI format that podman's k8s-file driver and the kubelet use:
 *
 *     2026-11-28T23:55:01.123456789Z stdout F the line, without its newline
 *
 * F marks a full line, P a part of one (a line longer than the buffer, or the last bytes the box
 * wrote without a newline). When the log passes its size limit it is renamed to LOG.1 (the one
 * before is dropped) and a new one is started.
 */
#ifndef FOXBOX_BOXLOG_H
#define FOXBOX_BOXLOG_H

#include <stddef.h>
#include <sys/types.h>

#include "errors.h"

#define BOXLOG_LINE_MAX 16384

enum box_stream { STREAM_STDOUT = 0, STREAM_STDERR = 1 };

struct box_log {
  int fd;
  const char *path;
  off_t size;
  off_t max_size;
  char partial[2][BOXLOG_LINE_MAX];
  size_t partial_len[2];
};

int boxlog_open(struct box_log *log, const char *path, off_t max_size, struct error *err);
void boxlog_write(struct box_log *log, enum box_stream stream, const char *bytes, size_t len);
/* Writes out what is left of unterminated lines, as P records. */
void boxlog_flush(struct box_log *log);
void boxlog_close(struct box_log *log);

/* The time now as RFC 3339 with nanoseconds, UTC. */
void rfc3339_now(char *buf, size_t size);

#endif
