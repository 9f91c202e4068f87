/* C tests of remove_tree: what an attached --rm box leaves; run by `make test` in Maven's test phase. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "remove.h"

static void make_file(const char *path) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0 || write(fd, "x", 1) != 1) {
    perror(path);
    exit(2);
  }
  close(fd);
}

static int exists(const char *path) {
  struct stat st;
  return lstat(path, &st) == 0;
}

static void removes_a_tree_without_following_links(void) {
  char base[] = "/tmp/foxbox-remove-test-XXXXXX";
  if (!mkdtemp(base)) {
    perror("mkdtemp");
    exit(2);
  }
  char box[200], outside[200], path[300];
  snprintf(box, sizeof box, "%s/box", base);
  snprintf(outside, sizeof outside, "%s/outside", base);
  mkdir(box, 0755);
  mkdir(outside, 0755);
  snprintf(path, sizeof path, "%s/keep", outside);
  make_file(path);
  snprintf(path, sizeof path, "%s/record.json", box);
  make_file(path);
  snprintf(path, sizeof path, "%s/upper", box);
  mkdir(path, 0755);
  snprintf(path, sizeof path, "%s/upper/a", box);
  mkdir(path, 0755);
  snprintf(path, sizeof path, "%s/upper/a/b", box);
  make_file(path);
  snprintf(path, sizeof path, "%s/upper/link-to-outside", box); /* a box's link to a host directory */
  if (symlink(outside, path) < 0) perror("symlink");
  snprintf(path, sizeof path, "%s/work", box);
  mkdir(path, 0755);
  snprintf(path, sizeof path, "%s/work/work", box); /* overlay leaves it mode 000 */
  mkdir(path, 0755);
  snprintf(path, sizeof path, "%s/work/work/inside", box);
  make_file(path);
  snprintf(path, sizeof path, "%s/work/work", box);
  chmod(path, 0);

  CHECK(remove_tree(box) == 0);
  CHECK(!exists(box));
  snprintf(path, sizeof path, "%s/keep", outside);
  CHECK(exists(path)); /* the link went, not what it points to */

  CHECK(remove_tree(box) == 0); /* already gone */
  CHECK(remove_tree(path) == 0 && !exists(path)); /* a file */
  rmdir(outside);
  rmdir(base);
}

static void unlinks_a_name_only_while_it_is_the_boxs(void) {
  char base[] = "/tmp/foxbox-unlink-test-XXXXXX";
  if (!mkdtemp(base)) {
    perror("mkdtemp");
    exit(2);
  }
  char link[200];
  snprintf(link, sizeof link, "%s/name", base);
  if (symlink("../other-box", link) < 0) perror("symlink");
  CHECK(unlink_if_pointing(link, "../this-box") < 0); /* the name is another box's now */
  CHECK(exists(link));
  CHECK(unlink_if_pointing(link, "../other-box") == 0);
  CHECK(!exists(link));
  CHECK(unlink_if_pointing(link, "../other-box") < 0); /* gone */
  rmdir(base);
}

int main(void) {
  removes_a_tree_without_following_links();
  unlinks_a_name_only_while_it_is_the_boxs();
  return checks_done("test_remove");
}
