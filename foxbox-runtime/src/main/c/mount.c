/* mount.c - the box's root file system and the mounts inside it. */
#define _GNU_SOURCE
#include "mount.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "trace.h"

int root_fd = -1;

static const struct {
  const char *word;
  long flag;
} FLAG_WORDS[] = {
    {"ro", MS_RDONLY},         {"nosuid", MS_NOSUID},     {"nodev", MS_NODEV},     {"noexec", MS_NOEXEC},
    {"rec", MS_REC},           {"bind", MS_BIND},         {"private", MS_PRIVATE}, {"slave", MS_SLAVE},
    {"strictatime", MS_STRICTATIME}, {"relatime", MS_RELATIME}, {"noatime", MS_NOATIME}, {"remount", MS_REMOUNT},
};

long mount_flags(const char *words) {
  long flags = 0;
  char copy[256];
  snprintf(copy, sizeof copy, "%s", words);
  char *save = NULL;
  for (char *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
    size_t i;
    for (i = 0; i < sizeof FLAG_WORDS / sizeof FLAG_WORDS[0]; i++) {
      if (strcmp(w, FLAG_WORDS[i].word) == 0) break;
    }
    if (i == sizeof FLAG_WORDS / sizeof FLAG_WORDS[0]) return -1;
    flags |= FLAG_WORDS[i].flag;
  }
  return flags;
}

/* Opens path inside the root, following symlinks only within it. */
static int open_in_root(const char *path, int flags) {
  struct open_how how = {
      .flags = (unsigned long long)(flags | O_CLOEXEC),
      .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
  };
  return (int)syscall(SYS_openat2, root_fd, path, &how, sizeof how);
}

/* mkdir -p inside the root; returns an O_PATH fd of the directory. */
static int ensure_dir(const char *path, mode_t mode, struct error *err) {
  char partial[PATH_MAX];
  size_t len = strlen(path);
  if (len >= sizeof partial) return fail(err, "mkdir", ENAMETOOLONG, "%s", path);
  int fd = open_in_root(path, O_PATH | O_DIRECTORY);
  if (fd >= 0 || errno != ENOENT) {
    if (fd < 0) return fail(err, "mkdir", errno, "%s in the box", path);
    return fd;
  }
  /* Create each missing component below the deepest one that exists. */
  for (size_t i = 1; i <= len; i++) {
    if (path[i] != '/' && path[i] != '\0') continue;
    memcpy(partial, path, i);
    partial[i] = '\0';
    int dir = open_in_root(partial, O_PATH | O_DIRECTORY);
    if (dir >= 0) {
      close(dir);
      continue;
    }
    if (errno != ENOENT) return fail(err, "mkdir", errno, "%s in the box", partial);
    char *slash = strrchr(partial, '/');
    const char *name = slash + 1;
    int parent;
    if (slash == partial) {
      parent = open_in_root("/", O_PATH | O_DIRECTORY);
    } else {
      *slash = '\0';
      parent = open_in_root(partial, O_PATH | O_DIRECTORY);
    }
    if (parent < 0) return fail(err, "mkdir", errno, "parent of %s in the box", path);
    int rc = mkdirat(parent, name, mode);
    int saved = errno;
    close(parent);
    if (rc < 0 && saved != EEXIST) return fail(err, "mkdir", saved, "%s in the box", path);
  }
  fd = open_in_root(path, O_PATH | O_DIRECTORY);
  if (fd < 0) return fail(err, "mkdir", errno, "%s in the box", path);
  return fd;
}

/* Opens (creating it empty if needed) a file to mount onto; a dangling symlink is replaced. */
static int ensure_file(const char *path, struct error *err) {
  int fd = open_in_root(path, O_PATH);
  if (fd >= 0) return fd;
  if (errno != ENOENT) return fail(err, "create mount target", errno, "%s in the box", path);
  char parent_path[PATH_MAX];
  snprintf(parent_path, sizeof parent_path, "%s", path);
  char *slash = strrchr(parent_path, '/');
  if (!slash || slash[1] == '\0') return fail(err, "create mount target", EINVAL, "%s", path);
  const char *name = path + (slash - parent_path) + 1;
  if (slash == parent_path) slash[1] = '\0';
  else *slash = '\0';
  int parent = ensure_dir(parent_path, 0755, err);
  if (parent < 0) return -1;
  int dirfd = openat(parent, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  close(parent);
  if (dirfd < 0) return fail(err, "create mount target", errno, "parent of %s", path);
  struct stat st;
  if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode)) {
    /* A symlink whose target is missing (an image's /etc/resolv.conf, say): replace it. */
    unlinkat(dirfd, name, 0);
  }
  int created = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  int saved = errno;
  close(dirfd);
  if (created < 0 && saved != EEXIST) return fail(err, "create mount target", saved, "%s in the box", path);
  if (created >= 0) close(created);
  fd = open_in_root(path, O_PATH);
  if (fd < 0) return fail(err, "create mount target", errno, "%s in the box", path);
  return fd;
}

static int mount_on_fd(const char *source, int fd, const char *fstype, unsigned long flags, const char *data) {
  char target[64];
  snprintf(target, sizeof target, "/proc/self/fd/%d", fd);
  return mount(source, target, fstype, flags, data);
}

/* Flags a remount must keep: in a user namespace the kernel refuses to clear locked ones. */
static unsigned long locked_flags(int fd) {
  struct statvfs sv;
  unsigned long out = 0;
  if (fstatvfs(fd, &sv) < 0) return 0;
  if (sv.f_flag & ST_NOSUID) out |= MS_NOSUID;
  if (sv.f_flag & ST_NODEV) out |= MS_NODEV;
  if (sv.f_flag & ST_NOEXEC) out |= MS_NOEXEC;
  if (sv.f_flag & ST_NOATIME) out |= MS_NOATIME;
  if (sv.f_flag & ST_NODIRATIME) out |= MS_NODIRATIME;
  if (sv.f_flag & ST_RELATIME) out |= MS_RELATIME;
  return out;
}

/* Makes the mount on fd read-only; fd must be reopened after a mount onto it. */
static int remount_readonly(const char *path, unsigned long extra, struct error *err) {
  int fd = open_in_root(path, O_PATH);
  if (fd < 0) return fail(err, "remount read-only", errno, "%s in the box", path);
  unsigned long flags = MS_BIND | MS_REMOUNT | MS_RDONLY | locked_flags(fd) | extra;
  int rc = mount_on_fd(NULL, fd, NULL, flags, NULL);
  int saved = errno;
  close(fd);
  if (rc < 0) return fail(err, "remount read-only", saved, "%s in the box", path);
  return 0;
}

int step_rootfs(const struct step *s, struct error *err) {
  if (s->argc != 5) return fail(err, "rootfs", EINVAL, "needs source, mount point, type, flags, data");
  const char *source = s->argv[0], *target = s->argv[1], *fstype = s->argv[2], *data = s->argv[4];
  long flags = mount_flags(s->argv[3]);
  if (flags < 0) return fail(err, "rootfs", EINVAL, "unknown mount flags '%s'", s->argv[3]);
  /* Nothing we mount may propagate back to the host. */
  trace("mount propagation of / set to slave, recursively");
  if (mount(NULL, "/", NULL, MS_REC | MS_SLAVE, NULL) < 0) return fail(err, "rootfs", errno, "cannot make / a slave mount");
  if (strcmp(fstype, "bind") == 0) {
    trace("root file system: %s bound onto %s", source, target);
    if (mount(source, target, NULL, MS_BIND | MS_REC, NULL) < 0)
      return fail(err, "rootfs", errno, "cannot bind %s onto %s", source, target);
  } else {
    trace("root file system: %s mounted on %s (%s)", fstype, target, data);
    if (mount(source, target, fstype, (unsigned long)flags, data) < 0)
      return fail(err, "rootfs", errno, "cannot mount %s on %s (%s)", fstype, target, data);
  }
  root_fd = open(target, O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (root_fd < 0) return fail(err, "rootfs", errno, "cannot open %s", target);
  return 0;
}

int step_mount(const struct step *s, struct error *err) {
  if (s->argc != 5) return fail(err, "mount", EINVAL, "needs source, target, type, flags, data");
  const char *source = s->argv[0], *target = s->argv[1], *fstype = s->argv[2], *words = s->argv[3], *data = s->argv[4];
  long flags = mount_flags(words);
  if (flags < 0) return fail(err, "mount", EINVAL, "unknown mount flags '%s'", words);
  trace("mount %s on %s (%s%s%s)", fstype, target, words, *data ? "," : "", data);
  int fd = ensure_dir(target, 0755, err);
  if (fd < 0) return -1;
  int rc = mount_on_fd(source, fd, fstype, (unsigned long)flags, *data ? data : NULL);
  int saved = errno;
  close(fd);
  if (rc < 0) return fail(err, "mount", saved, "cannot mount %s on %s", fstype, target);
  return 0;
}

int step_bind(const struct step *s, struct error *err) {
  if (s->argc != 3) return fail(err, "bind", EINVAL, "needs host path, target, flags");
  const char *host = s->argv[0], *target = s->argv[1], *words = s->argv[2];
  long flags = mount_flags(words);
  if (flags < 0) return fail(err, "bind", EINVAL, "unknown mount flags '%s'", words);
  struct stat st;
  if (stat(host, &st) < 0) return fail(err, "bind", errno, "%s", host);
  trace("bind %s onto %s (%s)", host, target, *words ? words : "rw");
  int fd = S_ISDIR(st.st_mode) ? ensure_dir(target, 0755, err) : ensure_file(target, err);
  if (fd < 0) return -1;
  int rc = mount_on_fd(host, fd, NULL, MS_BIND | ((unsigned long)flags & MS_REC), NULL);
  int saved = errno;
  close(fd);
  if (rc < 0) return fail(err, "bind", saved, "cannot bind %s onto %s", host, target);
  unsigned long extra = (unsigned long)flags & (MS_NOSUID | MS_NODEV | MS_NOEXEC);
  if (flags & MS_RDONLY) return remount_readonly(target, extra, err);
  if (extra) {
    int again = open_in_root(target, O_PATH);
    if (again < 0) return fail(err, "bind", errno, "%s in the box", target);
    rc = mount_on_fd(NULL, again, NULL, MS_BIND | MS_REMOUNT | locked_flags(again) | extra, NULL);
    saved = errno;
    close(again);
    if (rc < 0) return fail(err, "bind", saved, "cannot set %s on %s", words, target);
  }
  return 0;
}

int step_mkdir(const struct step *s, struct error *err) {
  if (s->argc != 2) return fail(err, "mkdir", EINVAL, "needs a path and a mode");
  mode_t mode = (mode_t)strtoul(s->argv[1], NULL, 8);
  trace("mkdir %s (mode %s)", s->argv[0], s->argv[1]);
  int fd = ensure_dir(s->argv[0], mode, err);
  if (fd < 0) return -1;
  close(fd);
  return 0;
}

int step_symlink(const struct step *s, struct error *err) {
  if (s->argc != 2) return fail(err, "symlink", EINVAL, "needs a link target and a path");
  const char *link_target = s->argv[0], *path = s->argv[1];
  trace("symlink %s -> %s", path, link_target);
  char parent_path[PATH_MAX];
  snprintf(parent_path, sizeof parent_path, "%s", path);
  char *slash = strrchr(parent_path, '/');
  if (!slash) return fail(err, "symlink", EINVAL, "%s is not absolute", path);
  const char *name = path + (slash - parent_path) + 1;
  if (slash == parent_path) slash[1] = '\0';
  else *slash = '\0';
  int parent = ensure_dir(parent_path, 0755, err);
  if (parent < 0) return -1;
  int dirfd = openat(parent, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  close(parent);
  if (dirfd < 0) return fail(err, "symlink", errno, "parent of %s", path);
  int rc = symlinkat(link_target, dirfd, name);
  int saved = errno;
  close(dirfd);
  if (rc < 0 && saved != EEXIST) return fail(err, "symlink", saved, "%s in the box", path);
  return 0;
}

int step_mask(const struct step *s, struct error *err) {
  if (s->argc != 1) return fail(err, "mask", EINVAL, "needs a path");
  const char *path = s->argv[0];
  int fd = open_in_root(path, O_PATH);
  if (fd < 0) {
    if (errno == ENOENT) return 0; /* nothing to hide */
    return fail(err, "mask", errno, "%s in the box", path);
  }
  struct stat st;
  int rc;
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    trace("mask %s (an empty read-only tmpfs over it)", path);
    rc = mount_on_fd("tmpfs", fd, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=0");
  } else {
    trace("mask %s (/dev/null bound over it)", path);
    rc = mount_on_fd("/dev/null", fd, NULL, MS_BIND, NULL);
  }
  int saved = errno;
  close(fd);
  if (rc < 0) return fail(err, "mask", saved, "cannot hide %s", path);
  return 0;
}

int step_readonly(const struct step *s, struct error *err) {
  if (s->argc != 1) return fail(err, "readonly", EINVAL, "needs a path");
  const char *path = s->argv[0];
  int fd = open_in_root(path, O_PATH);
  if (fd < 0) {
    if (errno == ENOENT) return 0;
    return fail(err, "readonly", errno, "%s in the box", path);
  }
  trace("read-only %s", path);
  /* Bound onto itself, so that it becomes a mount of its own that can be made read-only. */
  char self[64];
  snprintf(self, sizeof self, "/proc/self/fd/%d", fd);
  int rc = mount(self, self, NULL, MS_BIND | MS_REC, NULL);
  int saved = errno;
  close(fd);
  if (rc < 0) return fail(err, "readonly", saved, "cannot bind %s onto itself", path);
  return remount_readonly(path, 0, err);
}

int step_pivot(const struct step *s, struct error *err) {
  (void)s;
  trace("pivot_root into the box's root; the old root is detached");
  if (fchdir(root_fd) < 0) return fail(err, "pivot_root", errno, "cannot enter the root");
  /* pivot_root(".", "."): the old root is stacked under the new one, then lazily unmounted. */
  if (syscall(SYS_pivot_root, ".", ".") < 0) return fail(err, "pivot_root", errno, "pivot_root failed");
  if (umount2(".", MNT_DETACH) < 0) return fail(err, "pivot_root", errno, "cannot detach the old root");
  if (chdir("/") < 0) return fail(err, "pivot_root", errno, "chdir /");
  close(root_fd);
  root_fd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
  return 0;
}

int step_remount_root_ro(const struct step *s, struct error *err) {
  (void)s;
  trace("the root file system remounted read-only");
  if (mount(NULL, "/", NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | locked_flags(root_fd), NULL) < 0)
    return fail(err, "read-only root", errno, "cannot remount / read-only");
  return 0;
}
