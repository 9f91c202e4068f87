/* userns.c - uid_map and gid_map of the box's user namespace. */
#define _GNU_SOURCE
#include "userns.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "trace.h"

/* Starts TOOL CHILD INSIDE OUTSIDE COUNT...; returns its pid, or -1. */
static pid_t start_idmap_tool(const char *tool, pid_t child, const struct id_map *maps, int count, struct error *err) {
  char *argv[3 + 3 * MAX_ID_MAPS + 1];
  char numbers[3 * MAX_ID_MAPS + 1][24];
  int n = 0;
  argv[n++] = (char *)tool;
  snprintf(numbers[0], sizeof numbers[0], "%d", (int)child);
  argv[n++] = numbers[0];
  for (int i = 0; i < count; i++) {
    snprintf(numbers[1 + 3 * i], 24, "%lu", maps[i].inside);
    snprintf(numbers[2 + 3 * i], 24, "%lu", maps[i].outside);
    snprintf(numbers[3 + 3 * i], 24, "%lu", maps[i].count);
    argv[n++] = numbers[1 + 3 * i];
    argv[n++] = numbers[2 + 3 * i];
    argv[n++] = numbers[3 + 3 * i];
  }
  argv[n] = NULL;
  pid_t pid = fork();
  if (pid < 0) return fail(err, "id map", errno, "cannot fork %s", tool);
  if (pid == 0) {
    execv(tool, argv);
    _exit(127);
  }
  return pid;
}

/* Waits for a tool start_idmap_tool started; 0 when it succeeded. */
static int wait_idmap_tool(const char *tool, pid_t pid, struct error *err) {
  int status;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return fail(err, "id map", errno, "waiting for %s", tool);
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return fail(err, "id map", 0, "%s failed (status %d): are there ranges for this user in /etc/subuid and /etc/subgid?",
                tool, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
  }
  return 0;
}

static int write_proc_file(pid_t child, const char *name, const char *content, struct error *err) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/%s", (int)child, name);
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return fail(err, "id map", errno, "cannot open %s", path);
  ssize_t len = (ssize_t)strlen(content);
  ssize_t w = write(fd, content, (size_t)len);
  int saved = errno;
  close(fd);
  if (w != len) return fail(err, "id map", saved, "cannot write '%s' to %s", content, path);
  return 0;
}

static void format_maps(char *buf, size_t size, const struct id_map *maps, int count) {
  size_t used = 0;
  buf[0] = '\0';
  for (int i = 0; i < count && used < size; i++) {
    used += (size_t)snprintf(buf + used, size - used, "%lu %lu %lu\n", maps[i].inside, maps[i].outside, maps[i].count);
  }
}

int userns_write_maps(pid_t child, const struct config *cfg, struct error *err) {
  if (cfg->use_newidmap) {
    trace("uid map via %s, gid map via %s", cfg->newuidmap, cfg->newgidmap);
    /* The two write different files of the same namespace: they run side by side, and a box
       starts one setuid program's start-up sooner. */
    pid_t uid_tool = start_idmap_tool(cfg->newuidmap, child, cfg->uid_maps, cfg->uid_map_count, err);
    if (uid_tool < 0) return -1;
    struct error gid_err = {0};
    pid_t gid_tool = start_idmap_tool(cfg->newgidmap, child, cfg->gid_maps, cfg->gid_map_count, &gid_err);
    int uid_ok = wait_idmap_tool(cfg->newuidmap, uid_tool, err);
    if (gid_tool < 0) {
      if (uid_ok == 0) *err = gid_err;
      return -1;
    }
    int gid_ok = wait_idmap_tool(cfg->newgidmap, gid_tool, uid_ok < 0 ? &gid_err : err);
    return uid_ok < 0 || gid_ok < 0 ? -1 : 0;
  }
  char buf[MAX_ID_MAPS * 64];
  /* An unprivileged process may write a gid map only once setgroups(2) is denied in the namespace. */
  if (geteuid() != 0) {
    trace("setgroups denied in the user namespace (required for a single mapping)");
    if (write_proc_file(child, "setgroups", "deny", err) < 0) return -1;
  }
  format_maps(buf, sizeof buf, cfg->uid_maps, cfg->uid_map_count);
  if (write_proc_file(child, "uid_map", buf, err) < 0) return -1;
  format_maps(buf, sizeof buf, cfg->gid_maps, cfg->gid_map_count);
  return write_proc_file(child, "gid_map", buf, err);
}
