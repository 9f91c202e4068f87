/*
 * protocol.h - what the Java side (dev.foxbox.runtime.helper.HelperInput) sends to the helper,
 * and what the helper answers. Java and C agree on every name and number below; a Java test
 * (HelperProtocolTest) reads this file and checks them against the Java side.
 *
 *   java (foxbox)                       helper parent                 helper child (the box's pid 1)
 *   ------------------------------      ---------------------------   -------------------------------
 *   writes PLAN file (a list of steps)
 *   starts: foxbox-helper run PLAN  --> reads PLAN, re-execs from a
 *                                       sealed memfd
 *                                       clone(NEWUSER|NEWNS|...) ---> waits on the sync pipe
 *                                       writes uid_map/gid_map
 *                                       (newuidmap/newgidmap)
 *                                       "go" ------------------------> runs the steps in order:
 *                                                                      rootfs, mounts, pivot_root,
 *                                                                      hostname, rlimits, user,
 *                                                                      caps, seccomp, exec
 *                                       <------- on failure: one error record on the error pipe
 *                                       (a successful exec closes the pipe: CLOEXEC)
 *                                       relays tty, forwards signals,
 *                                       waits for the box
 *   waits for the helper  <------------ exit status: the box's own, or
 *                                       HELPER_EXIT_* with ERRORFILE
 *                                       (with "detach": 0 as soon as the box runs; a
 *                                       monitor process stays, writes the LOGFILE and
 *                                       the STATEFILE, and the box's exit status)
 *
 * For exec ("join PID") the child enters the running box's namespaces instead of creating
 * them, and forks the process that runs the steps, as a child of the helper.
 *   reads ERRORFILE, prints one line
 *
 * `foxbox run` from the launcher hands the plan over instead (launch.h): the helper starts first
 * and stays the process the user's shell waits for.
 *
 *   launcher              helper (foxbox run's process)       java (foxbox)          monitor
 *   --------------------  ---------------------------------   --------------------   ---------------
 *   exec foxbox-helper    starts java, HANDOVER_ENV set to
 *   launch JAVA ARG...    "HELPERPID:PLANFD:REPLYFD" ------>  plans the box
 *                         re-execs from a sealed memfd         writes PLAN file
 *                         <--------------- on PLANFD: "run PLAN\n"
 *                         forks the monitor ------------------------------------->  foxbox-helper run
 *                                                                                   PLAN, as above
 *                         <---------------------------------------------- one byte when the box
 *                                                                                   runs: 0, or the
 *                         passes it on REPLYFD -----------> 0: exits            failure's exit
 *                                                           else reads ERRORFILE, code
 *                                                           prints one line,
 *                                                           exits with the code
 *                         waits for the monitor and exits with the box's status (the JVM,
 *                         done once the box runs, is not waited for); if the box did not run,
 *                         waits for the JVM and exits with its status. A JVM that hands nothing
 *                         over (run -d, an error) closes PLANFD; the helper exits with its status.
 *
 * The PLAN file is "foxbox-plan 1\n" followed by one line per step:
 *
 *     <step> <argc> <len>:<bytes> <len>:<bytes> ...\n
 *
 * Each argument is length-prefixed, so any bytes may appear in it (a seccomp program, a path
 * with spaces). Steps before "begin" configure the parent; steps after it run in the child, in
 * order. Mount flags are words ("nosuid,nodev,noexec,ro,rec,bind,private,slave,strictatime").
 * The ERRORFILE holds one line: "<stage>\t<errno>\t<message>\n"; the message ends with
 * strerror(errno)'s words when errno is not 0.
 */
#ifndef FOXBOX_PROTOCOL_H
#define FOXBOX_PROTOCOL_H

#define PLAN_MAGIC "foxbox-plan 1"

/* The handover (launch.h): the JVM's environment variable, and the request on its PLANFD. */
#define HANDOVER_ENV "FOXBOX_HANDOVER"
#define HANDOVER_RUN "run"
#define PLAN_MAX_BYTES (4 * 1024 * 1024)

/* Parent configuration: before "begin". */
#define STEP_NAMESPACES "namespaces"   /* names: user mount pid uts ipc cgroup net */
#define STEP_UIDMAP "uidmap"           /* inside outside count */
#define STEP_GIDMAP "gidmap"           /* inside outside count */
#define STEP_IDMAPPER "idmapper"       /* "newuidmap" NEWUIDMAP NEWGIDMAP | "direct" */
#define STEP_ERRORFILE "errorfile"     /* path */
#define STEP_TRACE "trace"             /* (no arguments) */
#define STEP_TTY "tty"                 /* (no arguments): a pty for the box */
#define STEP_INIT "init"               /* (no arguments): a minimal init as pid 1 */
#define STEP_BOXFS_LINK "boxfs-link"   /* path: a symlink to /proc/<pid>/root while the box runs */
#define STEP_LOGFILE "logfile"         /* path maxbytes: the box's stdout and stderr, CRI format */
#define STEP_STATEFILE "statefile"     /* path: running/exited, pids, exit code, times (JSON) */
#define STEP_DETACH "detach"           /* (no arguments): return once the box runs; a monitor stays */
#define STEP_JOIN "join"               /* pid: enter that running box's namespaces (exec) */
#define STEP_EXIT_COMMAND "exit-command" /* argv...: run once the box has exited, its stdout on
                                            /dev/null, unless remove-on-exit removed it all (the
                                            removal of a --rm box that foxbox is not there to finish) */
#define STEP_REMOVE_ON_EXIT "remove-on-exit" /* path...: removed, in order, once the box has exited and
                                                its cgroup is gone (a --rm box: its record, then its
                                                directory; an exec: its plan and error files), up to
                                                the first that cannot be
                                                (other ids' files): foxbox, or exit-command, removes
                                                the rest */
#define STEP_UNLINK_ON_EXIT "unlink-on-exit" /* link target: then, if all of those are gone, the
                                                link, if it still points to target (the box's name) */
#define STEP_SLIRP4NETNS "slirp4netns" /* binary apisocket mtu "allow"|"deny" (host loopback):
                                          the box's network, started before its command */
#define STEP_PORTFWD "portfwd"         /* proto hostaddr hostport boxport: published via slirp4netns */
#define STEP_CGROUP "cgroup"           /* path: the box is moved into this cgroup before it runs */
#define STEP_BEGIN "begin"             /* the child's steps follow */

/* Child steps: after "begin", in order. Paths called TARGET are inside the box's root and
 * are resolved there, never following a symlink out of it. */
#define STEP_ROOTFS "rootfs"               /* source hostpath fstype flags data: mounts the root and
                                                makes it "the root" for the steps below
                                                (fstype "bind" binds source onto hostpath) */
#define STEP_MOUNT "mount"                   /* source TARGET fstype flags data */
#define STEP_BIND "bind"                     /* hostpath TARGET flags */
#define STEP_MKDIR "mkdir"                   /* TARGET mode(octal) */
#define STEP_SYMLINK "symlink"               /* linktarget TARGET */
#define STEP_MASK "mask"                     /* TARGET: hidden (/dev/null or an empty read-only tmpfs) */
#define STEP_READONLY "readonly"             /* TARGET: bound read-only onto itself */
#define STEP_PIVOT "pivot"                   /* (none): pivot_root into the root, detach the old one */
#define STEP_REMOUNT_RO "remount-root-ro"    /* (none): the root itself read-only */
#define STEP_HOSTNAME "hostname"             /* name */
#define STEP_LOOPBACK "loopback"             /* (none): bring up lo in the new network namespace */
#define STEP_RLIMIT "rlimit"                 /* resource(number) soft hard ("unlimited" or a number) */
#define STEP_STDIO "stdio"                   /* "pty" (a new terminal, sent to the parent),
                                                "inherit", or "null" (stdin from /dev/null) */
#define STEP_USER "user"                     /* uid gid [supplementary gids...] */
#define STEP_CHDIR "chdir"                   /* path inside the box */
#define STEP_NO_NEW_PRIVS "no-new-privs"     /* (none) */
#define STEP_BOUNDING "bounding"             /* mask(hex): capabilities kept in the bounding set */
#define STEP_CAPS "caps"                     /* effective permitted inheritable ambient (hex masks) */
#define STEP_SECCOMP "seccomp"               /* program (struct sock_filter[]) rules defaultaction flags */
#define STEP_CLOSE_FDS "close-fds"           /* (none): close every fd above 2 */
#define STEP_ENV "env"                       /* KEY=VALUE... (the whole environment) */
#define STEP_EXEC "exec"                     /* argv... (argv[0] looked up in the box's PATH) */

/* Exit statuses of the helper itself; a box's own status passes through unchanged. */
#define HELPER_EXIT_FAILED 125       /* foxbox could not start the box (see ERRORFILE) */
#define HELPER_EXIT_CANNOT_EXEC 126  /* the command exists but cannot be run */
#define HELPER_EXIT_NOT_FOUND 127    /* the command is not found in the box */

#endif
