/*
 * probe: a tiny static program the runtime tests run inside boxes. It prints facts about the
 * process it finds itself in, one "key=value" line each, for the tests to assert on.
 *
 *   probe            everything below
 *   probe exit N     exit with status N
 *   probe signal N   kill itself with signal N
 *   probe sleep S    sleep S seconds (for signal tests)
 *   probe stdin      copy stdin to stdout
 *   probe udp-echo P answer every UDP datagram sent to port P with the same bytes
 *   probe http-get IP PORT PATH   print the body of an HTTP/1.0 GET (no name lookup: a static
 *                    binary's resolver needs NSS modules a small image does not have)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/keyctl.h>
#include <linux/perf_event.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

static void file_line(const char *key, const char *path, const char *prefix) {
  FILE *f = fopen(path, "r");
  if (!f) {
    printf("%s=<%s>\n", key, strerror(errno));
    return;
  }
  char line[512];
  while (fgets(line, sizeof line, f)) {
    if (prefix && strncmp(line, prefix, strlen(prefix)) != 0) continue;
    line[strcspn(line, "\n")] = '\0';
    const char *value = prefix ? line + strlen(prefix) : line;
    while (*value == ' ' || *value == '\t') value++;
    printf("%s=%s\n", key, value);
    if (prefix) break;
  }
  fclose(f);
}

static void outcome(const char *key, long rc) {
  if (rc < 0) printf("%s=%s\n", key, errno == EPERM ? "EPERM" : errno == ENOSYS ? "ENOSYS" : strerror(errno));
  else printf("%s=ok\n", key);
}

static void syscalls(void) {
  errno = 0;
  outcome("syscall.mount", mount("none", "/tmp", "tmpfs", 0, NULL));
  outcome("syscall.unshare_user", unshare(CLONE_NEWUSER));
  outcome("syscall.keyctl", syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0));
  outcome("syscall.add_key", syscall(SYS_add_key, "user", "probe", "x", 1, KEY_SPEC_SESSION_KEYRING));
  union bpf_attr attr;
  memset(&attr, 0, sizeof attr);
  outcome("syscall.bpf", syscall(SYS_bpf, BPF_MAP_CREATE, &attr, sizeof attr));
  struct perf_event_attr pe;
  memset(&pe, 0, sizeof pe);
  pe.size = sizeof pe;
  pe.type = PERF_TYPE_SOFTWARE;
  pe.config = PERF_COUNT_SW_CPU_CLOCK;
  outcome("syscall.perf_event_open", syscall(SYS_perf_event_open, &pe, 0, -1, -1, 0));
  outcome("syscall.kexec_load", syscall(SYS_kexec_load, 0, 0, NULL, 0));
  outcome("syscall.getpid", syscall(SYS_getpid));
}

static void devices(void) {
  const char *nodes[] = {"/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom", "/dev/tty"};
  for (size_t i = 0; i < sizeof nodes / sizeof nodes[0]; i++) {
    struct stat st;
    if (stat(nodes[i], &st) < 0) {
      printf("dev.%s=<%s>\n", nodes[i] + 5, strerror(errno));
      continue;
    }
    printf("dev.%s=%s\n", nodes[i] + 5, S_ISCHR(st.st_mode) ? "char" : "not-a-device");
  }
  int fd = open("/dev/zero", O_RDONLY);
  char buf[4] = {1, 1, 1, 1};
  printf("dev.zero.reads=%s\n", fd >= 0 && read(fd, buf, 4) == 4 && !buf[0] && !buf[3] ? "zeros" : "broken");
  if (fd >= 0) close(fd);
  fd = open("/dev/full", O_WRONLY);
  printf("dev.full.write=%s\n", fd >= 0 && write(fd, "x", 1) < 0 && errno == ENOSPC ? "ENOSPC" : "broken");
  if (fd >= 0) close(fd);
  struct stat st;
  printf("dev.ptmx=%s\n", lstat("/dev/ptmx", &st) == 0 ? (S_ISLNK(st.st_mode) ? "symlink" : "node") : "missing");
  printf("dev.shm=%s\n", stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) ? "dir" : "missing");
}

static void everything(void) {
  printf("uid=%d\ngid=%d\neuid=%d\n", getuid(), getgid(), geteuid());
  int groups[64];
  int n = getgroups(64, (gid_t *)groups);
  printf("groups=");
  for (int i = 0; i < n; i++) printf("%s%d", i ? "," : "", groups[i]);
  printf("\n");
  printf("pid=%d\nppid=%d\n", getpid(), getppid());
  struct utsname u;
  if (uname(&u) == 0) printf("hostname=%s\n", u.nodename);
  char cwd[512];
  printf("cwd=%s\n", getcwd(cwd, sizeof cwd) ? cwd : "?");
  file_line("uid_map", "/proc/self/uid_map", NULL);
  file_line("gid_map", "/proc/self/gid_map", NULL);
  file_line("CapInh", "/proc/self/status", "CapInh:");
  file_line("CapPrm", "/proc/self/status", "CapPrm:");
  file_line("CapEff", "/proc/self/status", "CapEff:");
  file_line("CapBnd", "/proc/self/status", "CapBnd:");
  file_line("CapAmb", "/proc/self/status", "CapAmb:");
  file_line("NoNewPrivs", "/proc/self/status", "NoNewPrivs:");
  file_line("Seccomp", "/proc/self/status", "Seccomp:");
  for (int fd = 3; fd < 64; fd++) {
    if (fcntl(fd, F_GETFD) >= 0) printf("open_fd=%d\n", fd);
  }
  syscalls();
  devices();
  int w = open("/proc/sys/kernel/hostname", O_WRONLY);
  printf("proc_sys_writable=%s\n", w >= 0 ? "yes" : "no");
  if (w >= 0) close(w);
  FILE *kcore = fopen("/proc/kcore", "r");
  printf("proc_kcore=%s\n", kcore && fgetc(kcore) == EOF ? "empty" : kcore ? "readable" : "absent");
  if (kcore) fclose(kcore);
  FILE *mounts = fopen("/proc/self/mountinfo", "r");
  char line[1024];
  while (mounts && fgets(line, sizeof line, mounts)) {
    line[strcspn(line, "\n")] = '\0';
    printf("mount=%s\n", line);
  }
  if (mounts) fclose(mounts);
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (argc == 3 && strcmp(argv[1], "exit") == 0) return atoi(argv[2]);
  if (argc == 3 && strcmp(argv[1], "signal") == 0) {
    kill(getpid(), atoi(argv[2]));
    pause();
    return 0;
  }
  if (argc == 3 && strcmp(argv[1], "sleep") == 0) {
    sleep((unsigned)atoi(argv[2]));
    return 0;
  }
  if (argc == 3 && strcmp(argv[1], "udp-echo") == 0) {
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((unsigned short)atoi(argv[2]))};
    if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) return 1;
    for (;;) {
      char buf[2048];
      struct sockaddr_in from;
      socklen_t len = sizeof from;
      ssize_t n = recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &len);
      if (n > 0) sendto(fd, buf, (size_t)n, 0, (struct sockaddr *)&from, len);
    }
  }
  if (argc == 5 && strcmp(argv[1], "http-get") == 0) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((unsigned short)atoi(argv[3]))};
    if (fd < 0 || inet_pton(AF_INET, argv[2], &addr.sin_addr) != 1 || connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
      fprintf(stderr, "probe: connect %s:%s: %s\n", argv[2], argv[3], strerror(errno));
      return 1;
    }
    char request[512];
    int n = snprintf(request, sizeof request, "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n", argv[4], argv[2]);
    if (write(fd, request, (size_t)n) != n) return 1;
    char response[65536];
    size_t used = 0;
    ssize_t r;
    while (used < sizeof response - 1 && (r = read(fd, response + used, sizeof response - 1 - used)) > 0) used += (size_t)r;
    response[used] = '\0';
    char *body = strstr(response, "\r\n\r\n");
    if (!body) return 1;
    fputs(body + 4, stdout);
    return 0;
  }
  if (argc == 2 && strcmp(argv[1], "stdin") == 0) {
    char buf[4096];
    ssize_t r;
    while ((r = read(0, buf, sizeof buf)) > 0) {
      if (write(1, buf, (size_t)r) != r) return 1;
    }
    return 0;
  }
  everything();
  return 0;
}
