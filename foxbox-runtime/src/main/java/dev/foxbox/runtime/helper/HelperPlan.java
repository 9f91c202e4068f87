package dev.foxbox.runtime.helper;

import dev.foxbox.runtime.ids.IdMapping;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Everything the helper does for one box, decided in Java: the namespaces and id maps its parent
 * sets up, and the steps its child takes, in order.
 *
 * @param namespaces namespaces to create
 * @param ids        the user namespace's uid and gid maps, and who writes them
 * @param errorFile  where the helper writes "stage, errno, message" if the box cannot start
 * @param boxfsLink  a symlink the helper points at the box's root while it runs, or null
 * @param trace      print each step as it is taken
 * @param tty        give the box a terminal (the steps must include a PTY stdio step)
 * @param init       run a minimal init as pid 1
 * @param watch      the log, state file and detaching of a box, or null
 * @param joinPid    for exec: the running box's first process, whose namespaces are entered; else 0
 * @param slirp      the box's slirp4netns network and published ports, or null
 * @param cgroup     the cgroup the box is moved into before it runs, or null
 * @param steps      the child's steps, ending with {@link Step.Exec}
 */
public record HelperPlan(Set<Namespace> namespaces, IdMapping ids, Path errorFile, Path boxfsLink, boolean trace,
                         boolean tty, boolean init, Watch watch, long joinPid, Slirp slirp, Path cgroup, List<Step> steps) {

    /** slirp4netns for the box: its binary, API socket, MTU, host loopback, and the ports to publish. */
    public record Slirp(Path binary, Path apiSocket, int mtu, boolean allowHostLoopback, List<Port> ports) {
        public Slirp {
            ports = List.copyOf(ports);
        }
    }

    /** A published port: {@code hostAddr:hostPort} on the host reaches {@code boxPort} in the box. */
    public record Port(String proto, String hostAddr, int hostPort, int boxPort) {}

    public enum Namespace { USER, MOUNT, PID, UTS, IPC, CGROUP, NET }

    /**
     * How the helper watches a box: its log (CRI lines, rotated past {@code logMaxBytes}) and its
     * state file, or null for neither (an exec), whether it detaches (returns once the box runs,
     * leaving a monitor), a command to run after the box exits if the removal did not remove it
     * all (a --rm box that no foxbox waits for), or an empty list, and what it removes after the
     * box exits (a --rm box; an exec's plan and error files), or null.
     */
    public record Watch(Path logFile, long logMaxBytes, Path stateFile, boolean detach, List<String> exitCommand,
                        Removal removal) {
        public Watch {
            exitCommand = List.copyOf(exitCommand);
        }
    }

    /**
     * What the helper removes once a box has exited: {@code paths} in order (the box's record, then
     * its directory), as far as it may, stopping at the first it cannot remove (foxbox removes the
     * rest: other ids' files); then, if all are gone, {@code link} (or none, when null) if it still
     * points to {@code linkTarget} (the box's name, unless it was renamed and the name taken again).
     */
    public record Removal(List<Path> paths, Path link, String linkTarget) {
        public Removal {
            paths = List.copyOf(paths);
        }
    }

    public HelperPlan {
        namespaces = Set.copyOf(namespaces);
        steps = List.copyOf(steps);
        if (steps.isEmpty() || !(steps.get(steps.size() - 1) instanceof Step.Exec)) {
            throw new IllegalArgumentException("a helper plan ends with an exec step");
        }
    }

    /** A plan with nothing to watch and nothing to join: the helper's simplest use. */
    public HelperPlan(Set<Namespace> namespaces, IdMapping ids, Path errorFile, Path boxfsLink, boolean trace,
                      boolean tty, boolean init, List<Step> steps) {
        this(namespaces, ids, errorFile, boxfsLink, trace, tty, init, null, 0, null, null, steps);
    }
}
