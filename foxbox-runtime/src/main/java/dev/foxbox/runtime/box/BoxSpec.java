package dev.foxbox.runtime.box;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What the user asked for a box: {@code foxbox run}'s options, before anything is decided.
 * Null means "not given" (the image's setting applies); lists are never null.
 */
public record BoxSpec(
        String image,
        List<String> command,
        List<String> entrypoint,
        List<String> env,
        String workdir,
        String user,
        String name,
        String hostname,
        Network network,
        boolean tty,
        boolean interactive,
        boolean init,
        boolean readOnly,
        Set<String> capAdd,
        Set<String> capDrop,
        boolean privileged,
        boolean noNewPrivileges,
        Seccomp seccomp,
        Path seccompProfile,
        List<Ulimit> ulimits,
        boolean trace,
        boolean remove,
        boolean detach,
        Publishing publishing,
        List<MountSpec> mounts,
        Resources resources) {

    /** slirp4netns is rootless podman's default; none is loopback only; host is the host's network. */
    public enum Network { SLIRP4NETNS, NONE, HOST }

    /**
     * Ports published through slirp4netns, and whether the box may reach the host's loopback
     * (through 10.0.2.2, {@code --network slirp4netns:allow_host_loopback=true}).
     *
     * @param publishAll {@code -P}: every port the image EXPOSEs, on a random host port
     */
    public record Publishing(List<PortMapping> ports, boolean publishAll, boolean allowHostLoopback) {
        public static final Publishing NONE = new Publishing(List.of(), false, false);

        public Publishing {
            ports = List.copyOf(ports);
        }
    }

    /** {@code -p [hostIP:]hostPort:boxPort[/proto]}; host port 0: a random free one at start. */
    public record PortMapping(String hostIp, int hostPort, int boxPort, String proto) {
        public PortMapping {
            if (!proto.equals("tcp") && !proto.equals("udp")) {
                throw new IllegalArgumentException("invalid port protocol '" + proto + "': tcp or udp");
            }
            if (hostPort < 0 || hostPort > 65535 || boxPort < 1 || boxPort > 65535) {
                throw new IllegalArgumentException("invalid port mapping " + hostPort + ":" + boxPort);
            }
        }

        @Override
        public String toString() {
            return boxPort + "/" + proto + " -> " + hostIp + ":" + hostPort;
        }
    }

    /**
     * A mount in the box: a host path, a named or anonymous volume (source null), or a tmpfs.
     * {@code options} are tmpfs's (size=…,mode=…).
     */
    public record MountSpec(Kind kind, String source, String target, boolean readOnly, String options) {
        public enum Kind { BIND, VOLUME, TMPFS }

        public MountSpec {
            if (target == null || !target.startsWith("/")) {
                throw new IllegalArgumentException("a mount's destination must be an absolute path: " + target);
            }
        }
    }

    /** cgroup v2 limits; 0 (or -1 for memorySwap) means not set. */
    public record Resources(long memory, long memorySwap, double cpus, long cpuShares, long pidsLimit) {
        public static final Resources NONE = new Resources(0, 0, 0, 0, 0);

        public boolean any() {
            return memory > 0 || memorySwap != 0 || cpus > 0 || cpuShares > 0 || pidsLimit != 0;
        }
    }

    public enum Seccomp { DEFAULT, UNCONFINED, PROFILE }

    /** {@code --ulimit nofile=1024:2048}. */
    public record Ulimit(String name, long soft, long hard) {}

    public BoxSpec {
        command = command == null ? List.of() : List.copyOf(command);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        env = List.copyOf(env);
        capAdd = Set.copyOf(capAdd);
        capDrop = Set.copyOf(capDrop);
        ulimits = List.copyOf(ulimits);
        network = network == null ? Network.NONE : network;
        seccomp = seccomp == null ? Seccomp.DEFAULT : seccomp;
        publishing = publishing == null ? Publishing.NONE : publishing;
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        resources = resources == null ? Resources.NONE : resources;
    }

    /** A spec with defaults everywhere: {@code foxbox run IMAGE COMMAND...}. */
    public static BoxSpec of(String image, List<String> command) {
        return new BoxSpec(image, command, null, List.of(), null, null, null, null, Network.NONE, false, false, false,
                false, Set.of(), Set.of(), false, false, Seccomp.DEFAULT, null, List.of(), false, false, false,
                Publishing.NONE, List.of(), Resources.NONE);
    }
}
