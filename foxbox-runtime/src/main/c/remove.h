/* remove.h - what a --rm box (or an exec) leaves, removed by the helper once it has exited. */
#ifndef FOXBOX_REMOVE_H
#define FOXBOX_REMOVE_H

/*
 * Removes path (a file, or a directory and everything in it) as far as this process may: it
 * never follows a symbolic link, never enters another file system, and opens up directories of
 * its own user that it may not enter (overlay's work/work is mode 000). What it cannot remove
 * (another id's directories, deeper than MAX_DEPTH) stays; foxbox removes that. Returns 0 when
 * path is gone, -1 otherwise.
 */
int remove_tree(const char *path);

/* Removes the symbolic link at path if it points to target. Returns 0 when it did, -1 otherwise. */
int unlink_if_pointing(const char *path, const char *target);

#endif
