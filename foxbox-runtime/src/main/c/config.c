/* config.c - the parent's configuration: the plan's steps before "begin". */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include "protocol.h"

static int namespace_flag(const char *name) {
  if (strcmp(name, "user") == 0) return CLONE_NEWUSER;
  if (strcmp(name, "mount") == 0) return CLONE_NEWNS;
  if (strcmp(name, "pid") == 0) return CLONE_NEWPID;
  if (strcmp(name, "uts") == 0) return CLONE_NEWUTS;
  if (strcmp(name, "ipc") == 0) return CLONE_NEWIPC;
  if (strcmp(name, "cgroup") == 0) return CLONE_NEWCGROUP;
  if (strcmp(name, "net") == 0) return CLONE_NEWNET;
  return 0;
}

static int parse_ulong(const char *s, unsigned long *out) {
  char *end;
  errno = 0;
  unsigned long v = strtoul(s, &end, 10);
  if (errno || end == s || *end) return -1;
  *out = v;
  return 0;
}

static int add_map(struct id_map *maps, int *count, const struct step *step, struct error *err) {
  if (step->argc != 3) return fail(err, "read plan", 0, "%s needs inside, outside and count", step->name);
  if (*count == MAX_ID_MAPS) return fail(err, "read plan", 0, "too many %s entries", step->name);
  struct id_map *m = &maps[*count];
  if (parse_ulong(step->argv[0], &m->inside) || parse_ulong(step->argv[1], &m->outside) ||
      parse_ulong(step->argv[2], &m->count) || m->count == 0)
    return fail(err, "read plan", 0, "bad %s %s %s %s", step->name, step->argv[0], step->argv[1], step->argv[2]);
  (*count)++;
  return 0;
}

int config_read(const struct plan *plan, struct config *cfg, struct error *err) {
  memset(cfg, 0, sizeof *cfg);
  cfg->first_child_step = -1;
  for (int i = 0; i < plan->count; i++) {
    const struct step *s = &plan->steps[i];
    if (strcmp(s->name, STEP_BEGIN) == 0) {
      cfg->first_child_step = i + 1;
      return 0;
    } else if (strcmp(s->name, STEP_NAMESPACES) == 0) {
      for (int a = 0; a < s->argc; a++) {
        int flag = namespace_flag(s->argv[a]);
        if (!flag) return fail(err, "read plan", 0, "unknown namespace '%s'", s->argv[a]);
        cfg->clone_flags |= flag;
      }
    } else if (strcmp(s->name, STEP_UIDMAP) == 0) {
      if (add_map(cfg->uid_maps, &cfg->uid_map_count, s, err) < 0) return -1;
    } else if (strcmp(s->name, STEP_GIDMAP) == 0) {
      if (add_map(cfg->gid_maps, &cfg->gid_map_count, s, err) < 0) return -1;
    } else if (strcmp(s->name, STEP_IDMAPPER) == 0) {
      if (s->argc == 3 && strcmp(s->argv[0], "newuidmap") == 0) {
        cfg->use_newidmap = 1;
        cfg->newuidmap = s->argv[1];
        cfg->newgidmap = s->argv[2];
      } else if (s->argc == 1 && strcmp(s->argv[0], "direct") == 0) {
        cfg->use_newidmap = 0;
      } else {
        return fail(err, "read plan", 0, "bad idmapper step");
      }
    } else if (strcmp(s->name, STEP_ERRORFILE) == 0 && s->argc == 1) {
      cfg->error_file = s->argv[0];
    } else if (strcmp(s->name, STEP_BOXFS_LINK) == 0 && s->argc == 1) {
      cfg->boxfs_link = s->argv[0];
    } else if (strcmp(s->name, STEP_LOGFILE) == 0 && s->argc == 2) {
      cfg->log_file = s->argv[0];
      cfg->log_max_bytes = strtoll(s->argv[1], NULL, 10);
    } else if (strcmp(s->name, STEP_STATEFILE) == 0 && s->argc == 1) {
      cfg->state_file = s->argv[0];
    } else if (strcmp(s->name, STEP_DETACH) == 0) {
      cfg->detach = 1;
    } else if (strcmp(s->name, STEP_JOIN) == 0 && s->argc == 1) {
      cfg->join_pid = atoi(s->argv[0]);
      if (cfg->join_pid <= 0) return fail(err, "read plan", 0, "bad join pid '%s'", s->argv[0]);
    } else if (strcmp(s->name, STEP_EXIT_COMMAND) == 0 && s->argc >= 1) {
      cfg->exit_command = s->argv;
    } else if (strcmp(s->name, STEP_REMOVE_ON_EXIT) == 0 && s->argc >= 1) {
      cfg->remove_on_exit = s->argv;
    } else if (strcmp(s->name, STEP_UNLINK_ON_EXIT) == 0 && s->argc == 2) {
      cfg->unlink_on_exit = s->argv[0];
      cfg->unlink_target = s->argv[1];
    } else if (strcmp(s->name, STEP_SLIRP4NETNS) == 0 && s->argc == 4) {
      cfg->slirp_binary = s->argv[0];
      cfg->slirp_socket = s->argv[1];
      cfg->slirp_mtu = s->argv[2];
      cfg->slirp_host_loopback = strcmp(s->argv[3], "allow") == 0;
    } else if (strcmp(s->name, STEP_PORTFWD) == 0 && s->argc == 4) {
      if (cfg->port_count == MAX_PORTS) return fail(err, "read plan", 0, "too many published ports");
      struct port_forward *p = &cfg->ports[cfg->port_count++];
      p->proto = s->argv[0];
      p->host_addr = s->argv[1];
      p->host_port = atoi(s->argv[2]);
      p->guest_port = atoi(s->argv[3]);
    } else if (strcmp(s->name, STEP_CGROUP) == 0 && s->argc == 1) {
      cfg->cgroup = s->argv[0];
    } else if (strcmp(s->name, STEP_TRACE) == 0) {
      cfg->trace = 1;
    } else if (strcmp(s->name, STEP_TTY) == 0) {
      cfg->tty = 1;
    } else if (strcmp(s->name, STEP_INIT) == 0) {
      cfg->init = 1;
    } else {
      return fail(err, "read plan", 0, "unknown parent step '%s'", s->name);
    }
  }
  return fail(err, "read plan", 0, "the plan has no '%s' step", STEP_BEGIN);
}
