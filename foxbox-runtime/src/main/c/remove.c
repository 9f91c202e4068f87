/* remove.c - what a --rm box (or an exec) leaves, removed by the helper once it has exited. */
#define _GNU_SOURCE
#include "remove.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_DEPTH 64

/* Opens the directory name in dir without following a link; opens it up first if it is ours. */
static int open_dir(int dir, const char *name, const struct stat *st) {
  int fd = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0 && errno == EACCES && st->st_uid == getuid() && fchmodat(dir, name, 0700, 0) == 0)
    fd = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  return fd;
}

/* Removes what directory fd holds, as far as it can. */
static void remove_entries(int fd, dev_t dev, int depth) {
  int listed = dup(fd);
  DIR *entries = listed >= 0 ? fdopendir(listed) : NULL;
  if (!entries) {
    if (listed >= 0) close(listed);
    return;
  }
  struct dirent *e;
  while ((e = readdir(entries)) != NULL) {
    if (e->d_name[0] == '.' && (e->d_name[1] == '\0' || (e->d_name[1] == '.' && e->d_name[2] == '\0'))) continue;
    struct stat st;
    if (fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0) continue;
    if (!S_ISDIR(st.st_mode)) {
      unlinkat(fd, e->d_name, 0); /* a link goes as a link */
      continue;
    }
    if (st.st_dev != dev || depth >= MAX_DEPTH) continue;
    int sub = open_dir(fd, e->d_name, &st);
    if (sub < 0) continue;
    remove_entries(sub, dev, depth + 1);
    close(sub);
    unlinkat(fd, e->d_name, AT_REMOVEDIR);
  }
  closedir(entries);
}

int remove_tree(const char *path) {
  struct stat st;
  if (lstat(path, &st) < 0) return errno == ENOENT ? 0 : -1;
  if (!S_ISDIR(st.st_mode)) return unlink(path);
  int fd = open_dir(AT_FDCWD, path, &st);
  if (fd < 0) return -1;
  remove_entries(fd, st.st_dev, 1);
  close(fd);
  return rmdir(path);
}

int unlink_if_pointing(const char *path, const char *target) {
  char now[4096];
  ssize_t n = readlink(path, now, sizeof now - 1);
  if (n < 0) return -1;
  now[n] = '\0';
  if (strcmp(now, target) != 0) return -1; /* renamed, and the name is another box's now */
  return unlink(path);
}
