/* seal.c - re-exec from a sealed memfd copy of /proc/self/exe. */
#define _GNU_SOURCE
#include "seal.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#define SEALS (F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE)

int running_sealed(void) {
  int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  int seals = fcntl(fd, F_GET_SEALS);
  close(fd);
  return seals >= 0 && (seals & SEALS) == SEALS;
}

int seal_self(char **argv, char **envp) {
  if (running_sealed()) return 0;
  int exe = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
  if (exe < 0) return -1;
  struct stat st;
  if (fstat(exe, &st) < 0) {
    close(exe);
    return -1;
  }
  int mem = memfd_create("foxbox-helper", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (mem < 0) {
    close(exe);
    return -1;
  }
  off_t offset = 0;
  while (offset < st.st_size) {
    ssize_t n = sendfile(mem, exe, &offset, (size_t)(st.st_size - offset));
    if (n <= 0) {
      close(exe);
      close(mem);
      return -1;
    }
  }
  close(exe);
  if (fcntl(mem, F_ADD_SEALS, SEALS) < 0) {
    close(mem);
    return -1;
  }
  fexecve(mem, argv, envp);
  int saved = errno;
  close(mem);
  errno = saved;
  return -1;
}
