/*
 * mount.h - the box's file system: its root, the mounts inside it, pivot_root.
 *
 * Every path inside the box is resolved with openat2(RESOLVE_IN_ROOT): a symlink in the image
 * ("/dev -> /host") is followed as if the box's root were "/", never out of it, and the
 * mount then goes onto the opened file through /proc/self/fd (CVE-2021-30465, runc's /dev
 * symlink bug).
 */
#ifndef FOXBOX_MOUNT_H
#define FOXBOX_MOUNT_H

#include "errors.h"
#include "plan.h"

/* The box's root while it is being assembled: -1 until the rootfs step. */
extern int root_fd;

int step_rootfs(const struct step *s, struct error *err);
int step_mount(const struct step *s, struct error *err);
int step_bind(const struct step *s, struct error *err);
int step_mkdir(const struct step *s, struct error *err);
int step_symlink(const struct step *s, struct error *err);
int step_mask(const struct step *s, struct error *err);
int step_readonly(const struct step *s, struct error *err);
int step_pivot(const struct step *s, struct error *err);
int step_remount_root_ro(const struct step *s, struct error *err);

/* Parses "nosuid,nodev,ro,…" into MS_* flags; -1 on an unknown word. */
long mount_flags(const char *words);

#endif
