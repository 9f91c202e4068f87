/* caps.c - capabilities (bounding, effective, permitted, inheritable, ambient), no_new_privs, seccomp. */
#define _GNU_SOURCE
#include "caps.h"

#include <errno.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "trace.h"

static int parse_mask(const char *hex, uint64_t *mask) {
  char *end;
  errno = 0;
  unsigned long long v = strtoull(hex, &end, 16);
  if (errno || end == hex || *end) return -1;
  *mask = v;
  return 0;
}

/* The highest capability this kernel knows; the bounding set is trimmed up to it. */
static int last_cap(void) {
  FILE *f = fopen("/proc/sys/kernel/cap_last_cap", "re");
  int last = 40;
  if (f) {
    if (fscanf(f, "%d", &last) != 1) last = 40;
    fclose(f);
  }
  return last;
}

int step_bounding(const struct step *s, struct error *err) {
  uint64_t keep;
  if (s->argc != 1 || parse_mask(s->argv[0], &keep) < 0) return fail(err, "capabilities", EINVAL, "bad bounding mask");
  int last = last_cap();
  int dropped = 0;
  for (int cap = 0; cap <= last; cap++) {
    if (keep & (1ULL << cap)) continue;
    if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL)
      return fail(err, "capabilities", errno, "cannot drop capability %d from the bounding set", cap);
    dropped++;
  }
  trace("bounding set: kept %016llx, dropped %d capabilities", (unsigned long long)keep, dropped);
  return 0;
}

int step_caps(const struct step *s, struct error *err) {
  uint64_t eff, prm, inh, amb;
  if (s->argc != 4 || parse_mask(s->argv[0], &eff) || parse_mask(s->argv[1], &prm) || parse_mask(s->argv[2], &inh) ||
      parse_mask(s->argv[3], &amb))
    return fail(err, "capabilities", EINVAL, "bad capability masks");
  struct __user_cap_header_struct header = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
  struct __user_cap_data_struct data[2] = {
      {.effective = (uint32_t)eff, .permitted = (uint32_t)prm, .inheritable = (uint32_t)inh},
      {.effective = (uint32_t)(eff >> 32), .permitted = (uint32_t)(prm >> 32), .inheritable = (uint32_t)(inh >> 32)},
  };
  trace("capabilities: effective %016llx permitted %016llx inheritable %016llx ambient %016llx",
        (unsigned long long)eff, (unsigned long long)prm, (unsigned long long)inh, (unsigned long long)amb);
  if (syscall(SYS_capset, &header, data) < 0) return fail(err, "capabilities", errno, "capset failed");
  if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
    return fail(err, "capabilities", errno, "cannot clear the ambient set");
  for (int cap = 0; cap < 64; cap++) {
    if ((amb & (1ULL << cap)) && prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) < 0)
      return fail(err, "capabilities", errno, "cannot raise ambient capability %d", cap);
  }
  return 0;
}

int step_no_new_privs(const struct step *s, struct error *err) {
  (void)s;
  trace("no_new_privs set: setuid files and file capabilities no longer raise privileges");
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) return fail(err, "no_new_privs", errno, "prctl failed");
  return 0;
}

int step_seccomp(const struct step *s, struct error *err) {
  if (s->argc != 4 || s->lengths[0] == 0 || s->lengths[0] % sizeof(struct sock_filter) != 0)
    return fail(err, "seccomp", EINVAL, "bad seccomp program");
  struct sock_fprog prog = {
      .len = (unsigned short)(s->lengths[0] / sizeof(struct sock_filter)),
      .filter = (struct sock_filter *)s->argv[0],
  };
  trace("seccomp filter: %s rules, %u instructions, default action %s", s->argv[1], prog.len, s->argv[2]);
  unsigned long flags = strtoul(s->argv[3], NULL, 10);
  if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &prog) < 0)
    return fail(err, "seccomp", errno, "the kernel refused the filter");
  return 0;
}
