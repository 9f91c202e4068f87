/*
 * config.h - what the parent needs before the box starts: the steps before "begin" in the plan.
 */
#ifndef FOXBOX_CONFIG_H
#define FOXBOX_CONFIG_H

#include "errors.h"
#include "plan.h"

#define MAX_ID_MAPS 64
#define MAX_PORTS 256

struct port_forward {
  const char *proto;
  const char *host_addr;
  int host_port;
  int guest_port;
};

struct id_map {
  unsigned long inside;
  unsigned long outside;
  unsigned long count;
};

struct config {
  int clone_flags;              /* CLONE_NEW* for the namespaces asked for */
  struct id_map uid_maps[MAX_ID_MAPS];
  int uid_map_count;
  struct id_map gid_maps[MAX_ID_MAPS];
  int gid_map_count;
  int use_newidmap;             /* through the setuid newuidmap/newgidmap, else written directly */
  const char *newuidmap;
  const char *newgidmap;
  const char *error_file;
  const char *boxfs_link;
  const char *log_file;
  long long log_max_bytes;
  const char *state_file;
  int detach;
  int join_pid;                 /* exec: the running box's first process, else 0 */
  char **exit_command;          /* run after the box exits, or NULL */
  char **remove_on_exit;        /* paths removed after the box exits, NULL-terminated, or NULL */
  const char *unlink_on_exit;   /* then this link, if it points to unlink_target, or NULL */
  const char *unlink_target;
  const char *slirp_binary;     /* slirp4netns, or NULL for no such network */
  const char *slirp_socket;
  const char *slirp_mtu;
  int slirp_host_loopback;
  struct port_forward ports[MAX_PORTS];
  int port_count;
  const char *cgroup;           /* the box's cgroup directory, or NULL */
  int trace;
  int tty;
  int init;
  int first_child_step;         /* index of the step after "begin" */
};

int config_read(const struct plan *plan, struct config *cfg, struct error *err);

#endif
