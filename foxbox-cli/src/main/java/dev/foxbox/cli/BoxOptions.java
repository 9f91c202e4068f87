package dev.foxbox.cli;

import dev.foxbox.runtime.box.BoxSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that say what a box is, shared by {@code run} and {@code create}. */
final class BoxOptions {

    @Option(names = "--rm", description = "Remove the box when it exits.")
    boolean remove;

    @Option(names = {"-i", "--interactive"}, description = "Keep stdin open: the box reads it.")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Give the box a terminal.")
    boolean tty;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Set a variable (KEY alone: the host's value).")
    List<String> env = new ArrayList<>();

    @Option(names = "--env-file", paramLabel = "FILE", description = "Read variables from a file, one KEY=VALUE a line.")
    List<Path> envFiles = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "The working directory in the box.")
    String workdir;

    @Option(names = {"-u", "--user"}, paramLabel = "USER[:GROUP]", description = "Run as this user (name or uid) and group.")
    String user;

    @Option(names = "--entrypoint", paramLabel = "COMMAND", description = "Replace the image's entrypoint (\"\" clears it).")
    String entrypoint;

    @Option(names = "--name", paramLabel = "NAME", description = "The box's name (also its host name).")
    String name;

    @Option(names = {"-h", "--hostname"}, paramLabel = "NAME", description = "The box's host name.")
    String hostname;

    @Option(names = "--network", paramLabel = "MODE",
            description = "slirp4netns[:allow_host_loopback=true] (the default where slirp4netns works), none (loopback only) or host.")
    String network;

    @Option(names = {"-p", "--publish"}, paramLabel = "[HOSTIP:]HOSTPORT:BOXPORT[/PROTO]",
            description = "Publish a box port (or range) on the host.")
    List<String> publish = new ArrayList<>();

    @Option(names = {"-P", "--publish-all"}, description = "Publish every port the image EXPOSEs, on random host ports.")
    boolean publishAll;

    @Option(names = {"-v", "--volume"}, paramLabel = "SOURCE:DEST[:ro]",
            description = "Bind a host path (/abs), mount a named volume (name), or an anonymous one (DEST alone).")
    List<String> volumes = new ArrayList<>();

    @Option(names = "--mount", paramLabel = "type=…,source=…,target=…", description = "docker's --mount: bind, volume or tmpfs.")
    List<String> mounts = new ArrayList<>();

    @Option(names = "--tmpfs", paramLabel = "PATH[:size=…,mode=…]", description = "A tmpfs at PATH.")
    List<String> tmpfs = new ArrayList<>();

    @Option(names = {"-m", "--memory"}, paramLabel = "SIZE", description = "Memory limit (cgroup v2), e.g. 512m.")
    String memory;

    @Option(names = "--memory-swap", paramLabel = "SIZE", description = "Memory plus swap limit; -1: unlimited swap.")
    String memorySwap;

    @Option(names = "--cpus", paramLabel = "N", description = "CPU limit, e.g. 1.5.")
    double cpus;

    @Option(names = {"-c", "--cpu-shares"}, paramLabel = "N", description = "CPU weight relative to others (1024 = normal).")
    long cpuShares;

    @Option(names = "--pids-limit", paramLabel = "N", description = "Most processes in the box (-1: unlimited).")
    long pidsLimit;

    @Option(names = "--read-only", description = "Mount the box's root file system read-only.")
    boolean readOnly;

    @Option(names = "--ulimit", paramLabel = "NAME=SOFT[:HARD]", description = "A resource limit, e.g. nofile=1024:2048.")
    List<String> ulimits = new ArrayList<>();

    @Option(names = "--cap-add", paramLabel = "CAP", description = "Add a capability (ALL for all).")
    List<String> capAdd = new ArrayList<>();

    @Option(names = "--cap-drop", paramLabel = "CAP", description = "Drop a capability (ALL for all).")
    List<String> capDrop = new ArrayList<>();

    @Option(names = "--privileged", description = "All capabilities, no seccomp, nothing masked (still rootless).")
    boolean privileged;

    @Option(names = "--security-opt", paramLabel = "OPT",
            description = "no-new-privileges, seccomp=unconfined or seccomp=FILE (docker's JSON profile).")
    List<String> securityOpts = new ArrayList<>();

    @Option(names = "--init", description = "Run a minimal init as pid 1 that reaps zombies and passes signals on.")
    boolean init;

    @Option(names = "--trace", description = "Print every isolation step as it is taken.")
    boolean trace;

    /** The spec of a box of {@code image} running {@code command}. */
    BoxSpec boxSpec(String image, List<String> command, boolean detach, java.util.function.Consumer<String> notes)
            throws IOException {
        List<String> variables = new ArrayList<>();
        for (Path file : envFiles) {
            for (String line : Files.readAllLines(file)) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    variables.add(l);
                }
            }
        }
        variables.addAll(env);
        boolean noNewPrivileges = false;
        BoxSpec.Seccomp seccomp = BoxSpec.Seccomp.DEFAULT;
        Path profile = null;
        for (String opt : securityOpts) {
            if (opt.equals("no-new-privileges") || opt.equals("no-new-privileges:true") || opt.equals("no-new-privileges=true")) {
                noNewPrivileges = true;
            } else if (opt.equals("no-new-privileges:false") || opt.equals("no-new-privileges=false")) {
                noNewPrivileges = false;
            } else if (opt.equals("seccomp=unconfined") || opt.equals("seccomp:unconfined")) {
                seccomp = BoxSpec.Seccomp.UNCONFINED;
            } else if (opt.startsWith("seccomp=") || opt.startsWith("seccomp:")) {
                seccomp = BoxSpec.Seccomp.PROFILE;
                profile = Path.of(opt.substring(8));
            } else {
                throw new IllegalArgumentException("unsupported --security-opt '" + opt
                        + "' (foxbox knows no-new-privileges, seccomp=unconfined and seccomp=FILE)");
            }
        }
        BoxFlags.NetworkChoice choice = network == null
                ? new BoxFlags.NetworkChoice(dev.foxbox.runtime.box.BoxNetwork.defaultMode(notes), false)
                : BoxFlags.network(network);
        BoxSpec.Network net = choice.mode();
        List<BoxSpec.PortMapping> ports = new ArrayList<>();
        for (String p : publish) {
            ports.addAll(BoxFlags.ports(p));
        }
        List<BoxSpec.MountSpec> mountSpecs = new ArrayList<>();
        for (String v : volumes) {
            mountSpecs.add(BoxFlags.volume(v));
        }
        for (String m : mounts) {
            mountSpecs.add(BoxFlags.mount(m));
        }
        for (String t : tmpfs) {
            mountSpecs.add(BoxFlags.tmpfs(t));
        }
        BoxSpec.Resources resources = new BoxSpec.Resources(memory == null ? 0 : BoxFlags.size(memory),
                memorySwap == null ? 0 : memorySwap.equals("-1") ? -1 : BoxFlags.size(memorySwap), cpus, cpuShares, pidsLimit);
        List<BoxSpec.Ulimit> limits = new ArrayList<>();
        for (String u : ulimits) {
            limits.add(ulimit(u));
        }
        List<String> entry = entrypoint == null ? null : entrypoint.isEmpty() ? List.of() : List.of(entrypoint);
        return new BoxSpec(image, command, entry, variables, workdir, user, name, hostname, net, tty, interactive, init,
                readOnly, new java.util.HashSet<>(capAdd), new java.util.HashSet<>(capDrop), privileged, noNewPrivileges,
                seccomp, profile, limits, trace, remove, detach,
                new BoxSpec.Publishing(ports, publishAll, choice.allowHostLoopback()), mountSpecs, resources);
    }

    static BoxSpec.Ulimit ulimit(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("invalid --ulimit '" + text + "': expected NAME=SOFT[:HARD]");
        }
        String[] values = text.substring(eq + 1).split(":", -1);
        try {
            long soft = values[0].equals("-1") || values[0].equals("unlimited") ? -1 : Long.parseLong(values[0]);
            long hard = values.length > 1 ? (values[1].equals("-1") || values[1].equals("unlimited") ? -1 : Long.parseLong(values[1])) : soft;
            if (values.length > 2 || (hard >= 0 && (soft < 0 || soft > hard))) {
                throw new NumberFormatException();
            }
            return new BoxSpec.Ulimit(text.substring(0, eq), soft, hard);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid --ulimit '" + text + "': expected NAME=SOFT[:HARD] with SOFT <= HARD");
        }
    }
}
