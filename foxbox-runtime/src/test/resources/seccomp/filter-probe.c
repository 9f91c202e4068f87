/*
 * filter-probe.c - installs a seccomp filter read from a file, then reports what some system calls
 * return, one "name result" line each ("ok", or "errno=N"). KernelFilterTest compiles and runs it
 * in a throwaway process, so the kernel itself validates the program and applies it; the JVM never
 * installs a filter.
 *
 * Usage: filter-probe FILTER_FILE [--brief]
 *        (exit 0: probed; 2: no seccomp in this kernel; 3: the kernel refused the filter)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void report(const char *name, long ret) {
  if (ret < 0) printf("%s errno=%d\n", name, errno);
  else printf("%s ok\n", name);
  fflush(stdout);
}

#ifdef __x86_64__
/* An i386 system call from 64-bit code: the kernel reports AUDIT_ARCH_I386 for it. */
static long int80(long nr, long a1) {
  long ret;
  __asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a1), "c"(0), "d"(0), "S"(0), "D"(0) : "memory");
  return ret;
}

/* Runs it in a child, so a kernel without i386 support (SIGSEGV) only ends the child. */
static void report_i386(const char *name, long nr, long a1) {
  pid_t pid = fork();
  if (pid == 0) {
    long ret = int80(nr, a1);
    if (ret < 0 && ret > -4096) {
      errno = (int)-ret;
      ret = -1;
    }
    report(name, ret);
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) printf("%s signal=%d\n", name, WTERMSIG(status));
  fflush(stdout);
}
#endif

int main(int argc, char **argv) {
  static struct sock_filter insns[4096];
  if (argc < 2 || argc > 3) return 64;
  FILE *f = fopen(argv[1], "rb");
  if (!f) return 66;
  size_t n = fread(insns, sizeof insns[0], 4096, f);
  fclose(f);
  if (prctl(PR_GET_SECCOMP) < 0 && errno == EINVAL) {
    puts("seccomp unavailable");
    return 2;
  }
  struct sock_fprog prog = {.len = (unsigned short)n, .filter = insns};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0) {
    printf("install errno=%d\n", errno);
    return 3;
  }
  puts("installed");

  report("getpid", syscall(SYS_getpid));
  report("getrandom", syscall(SYS_getrandom, NULL, 0UL, 0U));
  if (argc == 3) return 0;
  report("mount", syscall(SYS_mount, "none", "/nonexistent-foxbox-probe", "tmpfs", 0L, NULL));
  report("unshare_newuser", syscall(SYS_unshare, CLONE_NEWUSER));
  report("keyctl", syscall(SYS_keyctl, 0L /* KEYCTL_GET_KEYRING_ID */, -3L, 0L));
  report("personality_query", syscall(SYS_personality, 0xffffffffUL));
  report("personality_1", syscall(SYS_personality, 1UL));
  report("clone3", syscall(SYS_clone3, NULL, 0UL));
  long vsock = syscall(SYS_socket, 40 /* AF_VSOCK */, SOCK_STREAM, 0);
  report("socket_vsock", vsock);
  long unix_socket = syscall(SYS_socket, AF_UNIX, SOCK_STREAM, 0);
  report("socket_unix", unix_socket);
  if (unix_socket >= 0) close((int)unix_socket);
  report("after_profile", syscall(463L));

  pid_t child = fork();
  if (child == 0) _exit(7);
  int status = 0;
  if (child > 0) waitpid(child, &status, 0);
  report("fork", child > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 7 ? 0 : -1);

#ifdef __x86_64__
  report_i386("i386_getpid", 20, 0);
  report_i386("i386_mount", 21, 0);
  report_i386("i386_unshare_newuser", 310, CLONE_NEWUSER);
  report("x32_mount", syscall(0x40000000L | 165, 0L, 0L, 0L, 0L, 0L));
#endif
  return 0;
}
