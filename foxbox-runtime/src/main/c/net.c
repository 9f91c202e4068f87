/* net.c - sethostname and "ip link set lo up". */
#define _GNU_SOURCE
#include "net.h"

#include <errno.h>
#include <net/if.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "trace.h"

int step_hostname(const struct step *s, struct error *err) {
  if (s->argc != 1) return fail(err, "hostname", EINVAL, "needs a name");
  trace("hostname %s (in the box's own UTS namespace)", s->argv[0]);
  if (sethostname(s->argv[0], strlen(s->argv[0])) < 0) return fail(err, "hostname", errno, "cannot set %s", s->argv[0]);
  return 0;
}

int step_loopback(const struct step *s, struct error *err) {
  (void)s;
  trace("loopback interface lo up (the box's own network namespace)");
  int sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (sock < 0) return fail(err, "loopback", errno, "socket");
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  strncpy(ifr.ifr_name, "lo", IFNAMSIZ - 1);
  int rc = ioctl(sock, SIOCGIFFLAGS, &ifr);
  if (rc == 0) {
    ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
    rc = ioctl(sock, SIOCSIFFLAGS, &ifr);
  }
  int saved = errno;
  close(sock);
  if (rc < 0) return fail(err, "loopback", saved, "cannot bring lo up");
  return 0;
}
