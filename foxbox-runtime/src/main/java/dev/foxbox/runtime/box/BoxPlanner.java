package dev.foxbox.runtime.box;

import dev.foxbox.image.model.ContainerConfig;
import dev.foxbox.runtime.caps.Capability;
import dev.foxbox.runtime.helper.HelperPlan;
import dev.foxbox.runtime.helper.HelperPlan.Namespace;
import dev.foxbox.runtime.helper.Step;
import dev.foxbox.runtime.ids.IdMapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides everything about a box and writes it down as a {@link HelperPlan}: namespaces, id
 * maps, the root file system and every mount, the process's identity, limits, capabilities,
 * seccomp filter, environment and command. The helper only carries the plan out.
 */
final class BoxPlanner {

    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** Hidden from every box unless --privileged, as docker and podman hide them. */
    static final List<String> MASKED = List.of("/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys",
            "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
            "/sys/firmware", "/sys/devices/virtual/powercap");

    static final List<String> READ_ONLY = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

    private static final List<String> DEVICES = List.of("null", "zero", "full", "random", "urandom", "tty");

    private static final Map<String, Integer> RLIMITS = Map.ofEntries(Map.entry("cpu", 0), Map.entry("fsize", 1),
            Map.entry("data", 2), Map.entry("stack", 3), Map.entry("core", 4), Map.entry("rss", 5),
            Map.entry("nproc", 6), Map.entry("nofile", 7), Map.entry("memlock", 8), Map.entry("as", 9),
            Map.entry("locks", 10), Map.entry("sigpending", 11), Map.entry("msgqueue", 12), Map.entry("nice", 13),
            Map.entry("rtprio", 14), Map.entry("rttime", 15));

    /** What the planner needs beyond the spec. */
    /** What the planner needs beyond the spec; {@code lowers} are the root's read-only layers, topmost first. */
    record Inputs(BoxSpec spec, ContainerConfig image, List<Path> lowers, BoxDirs dirs, IdMapping ids, String hostname,
                  boolean overlay, boolean hostCgroup2, SeccompChoice seccomp, List<Step> mounts, HelperPlan.Slirp slirp,
                  Path cgroup) {}

    /** The compiled seccomp filter to install, or none (unconfined, privileged). */
    record SeccompChoice(byte[] program, int rules, String defaultAction, int flags) {}

    /** The planned box: the helper's plan, and what it resolved (for inspect and errors). */
    record Planned(HelperPlan plan, List<String> argv, BoxUser user, Set<Capability> capabilities) {}

    Planned plan(Inputs in) throws java.io.IOException {
        return plan(in, null);
    }

    /** The plan of a box's first process; {@code watch} says where its log and state go. */
    Planned plan(Inputs in, HelperPlan.Watch watch) throws java.io.IOException {
        BoxSpec spec = in.spec();
        List<String> argv = command(spec, in.image());
        String workdir = spec.workdir() != null ? spec.workdir()
                : in.image().workingDir() != null ? in.image().workingDir() : "/";
        if (!workdir.startsWith("/")) {
            throw new IllegalArgumentException("the working directory must be an absolute path: " + workdir);
        }
        BoxUser user = BoxUser.resolve(spec.user() != null ? spec.user() : in.image().user(), etcOf(in.lowers()));
        Set<Capability> caps = capabilities(spec);
        boolean netns = spec.network() != BoxSpec.Network.HOST;

        Set<Namespace> namespaces = EnumSet.of(Namespace.USER, Namespace.MOUNT, Namespace.PID, Namespace.UTS,
                Namespace.IPC, Namespace.CGROUP);
        if (netns) {
            namespaces.add(Namespace.NET);
        }

        List<Step> steps = new ArrayList<>();
        steps.add(rootfs(in));
        steps.add(new Step.Mount("proc", "/proc", "proc", "nosuid,nodev,noexec", ""));
        devices(steps, in.ids(), spec.privileged());
        if (netns) {
            steps.add(new Step.Mount("sysfs", "/sys", "sysfs", "nosuid,nodev,noexec,ro", ""));
        } else {
            // Without its own network namespace a box may not mount sysfs: the host's, read-only.
            steps.add(new Step.Bind(Path.of("/sys"), "/sys", "rec,ro,nosuid,nodev,noexec"));
        }
        if (in.hostCgroup2()) {
            steps.add(new Step.Mount("cgroup2", "/sys/fs/cgroup", "cgroup2", "nosuid,nodev,noexec,ro", ""));
        }
        steps.add(new Step.Bind(in.dirs().hosts(), "/etc/hosts", ""));
        steps.add(new Step.Bind(in.dirs().hostname(), "/etc/hostname", ""));
        steps.add(new Step.Bind(in.dirs().resolvConf(), "/etc/resolv.conf", ""));
        steps.addAll(in.mounts());
        if (!spec.privileged()) {
            for (String p : MASKED) {
                steps.add(new Step.Mask(p));
            }
            for (String p : READ_ONLY) {
                steps.add(new Step.ReadOnly(p));
            }
        }
        if (!workdir.equals("/")) {
            steps.add(new Step.Mkdir(workdir, 0755));
        }
        steps.add(new Step.Pivot());
        if (spec.readOnly()) {
            steps.add(new Step.RemountRootReadOnly());
        }
        steps.add(new Step.Hostname(in.hostname()));
        if (netns) {
            steps.add(new Step.Loopback());
        }
        for (BoxSpec.Ulimit u : spec.ulimits()) {
            Integer resource = RLIMITS.get(u.name());
            if (resource == null) {
                throw new IllegalArgumentException("unknown ulimit '" + u.name() + "' (known: " + String.join(", ",
                        new java.util.TreeSet<>(RLIMITS.keySet())) + ")");
            }
            steps.add(new Step.Rlimit(resource, u.soft(), u.hard()));
        }
        steps.add(new Step.Stdio(spec.tty() ? Step.StdioMode.PTY
                : spec.interactive() ? Step.StdioMode.INHERIT : Step.StdioMode.NULL));
        steps.add(new Step.Chdir(workdir));

        long mask = mask(caps);
        steps.add(new Step.Bounding(mask));
        // Without no_new_privs the kernel lets only a CAP_SYS_ADMIN holder install a filter: do
        // it before the final capability sets; with no_new_privs, last of all.
        if (in.seccomp() != null && !spec.noNewPrivileges()) {
            steps.add(seccompStep(in.seccomp()));
        }
        steps.add(new Step.User(user.uid(), user.gid(), user.groups()));
        long effective = user.uid() == 0 ? mask : 0;
        steps.add(new Step.Caps(effective, effective, 0, 0));
        if (spec.noNewPrivileges()) {
            steps.add(new Step.NoNewPrivs());
        }
        steps.add(new Step.CloseFds());
        if (in.seccomp() != null && spec.noNewPrivileges()) {
            steps.add(seccompStep(in.seccomp()));
        }
        steps.add(new Step.Env(environment(spec, in.image(), in.hostname(), user)));
        steps.add(new Step.Exec(argv));

        HelperPlan plan = new HelperPlan(namespaces, in.ids(), in.dirs().error(), in.dirs().boxfs(), spec.trace(),
                spec.tty(), spec.init(), watch, 0, in.slirp(), in.cgroup(), steps);
        return new Planned(plan, argv, user, caps);
    }

    /**
     * The plan of {@code foxbox exec}: the helper enters the running box's namespaces (its first
     * process is {@code pid}) and the command gets the box's capabilities, seccomp filter and
     * environment, with the exec's own additions. {@code removal}: what the helper removes after
     * the command (the exec's plan and error files), or null.
     */
    HelperPlan planExec(BoxRecord box, ContainerConfig image, ExecSpec exec, long pid, Path boxRoot, IdMapping ids,
                        SeccompChoice seccomp, Path errorFile, HelperPlan.Removal removal) throws java.io.IOException {
        BoxSpec spec = box.spec();
        String userSpec = exec.user() != null ? exec.user() : spec.user() != null ? spec.user() : image.user();
        BoxUser user = BoxUser.resolve(userSpec, boxRoot);
        String workdir = exec.workdir() != null ? exec.workdir() : spec.workdir() != null ? spec.workdir()
                : image.workingDir() != null ? image.workingDir() : "/";
        Set<Capability> caps = exec.privileged() ? Capability.all() : capabilities(spec);
        long mask = mask(caps);
        List<Step> steps = new ArrayList<>();
        steps.add(new Step.Stdio(exec.tty() ? Step.StdioMode.PTY : exec.interactive() ? Step.StdioMode.INHERIT : Step.StdioMode.NULL));
        steps.add(new Step.Chdir(workdir));
        steps.add(new Step.Bounding(mask));
        boolean filtered = seccomp != null && !exec.privileged();
        if (filtered && !spec.noNewPrivileges()) {
            steps.add(seccompStep(seccomp));
        }
        steps.add(new Step.User(user.uid(), user.gid(), user.groups()));
        long effective = user.uid() == 0 ? mask : 0;
        steps.add(new Step.Caps(effective, effective, 0, 0));
        if (spec.noNewPrivileges()) {
            steps.add(new Step.NoNewPrivs());
        }
        steps.add(new Step.CloseFds());
        if (filtered && spec.noNewPrivileges()) {
            steps.add(seccompStep(seccomp));
        }
        BoxSpec withExecEnv = new BoxSpec(spec.image(), spec.command(), spec.entrypoint(),
                concat(spec.env(), exec.env()), spec.workdir(), spec.user(), spec.name(), spec.hostname(), spec.network(),
                exec.tty(), exec.interactive(), false, spec.readOnly(), spec.capAdd(), spec.capDrop(), spec.privileged(),
                spec.noNewPrivileges(), spec.seccomp(), spec.seccompProfile(), spec.ulimits(), false, false, false,
                spec.publishing(), spec.mounts(), spec.resources());
        steps.add(new Step.Env(environment(withExecEnv, image, box.hostname(), user)));
        steps.add(new Step.Exec(exec.command()));
        HelperPlan.Watch watch = exec.detach()
                ? new HelperPlan.Watch(errorFile.resolveSibling("exec.log"), Boxes.LOG_MAX_BYTES,
                        errorFile.resolveSibling(errorFile.getFileName() + ".state"), true, List.of(), null)
                : removal != null ? new HelperPlan.Watch(null, 0, null, false, List.of(), removal) : null;
        return new HelperPlan(Set.of(), ids, errorFile, null, false, exec.tty(), false, watch, pid, null, null, steps);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static long mask(Set<Capability> caps) {
        long mask = 0;
        for (Capability c : caps) {
            mask |= 1L << c.number();
        }
        return mask;
    }

    private static Step seccompStep(SeccompChoice s) {
        return new Step.Seccomp(s.program(), s.rules(), s.defaultAction(), s.flags());
    }

    private static Step rootfs(Inputs in) {
        if (in.overlay()) {
            StringBuilder lowers = new StringBuilder();
            for (Path lower : in.lowers()) {
                lowers.append(lowers.length() == 0 ? "" : ":").append(escape(lower));
            }
            // A box that goes when it ends needs none of its writes on disk: "volatile" spares it
            // overlay's sync of the whole upper file system as its mount goes away, and every fsync
            // in the box (podman does the same for --rm; Documentation/filesystems/overlayfs.rst).
            String data = "lowerdir=" + lowers
                    + ",upperdir=" + escape(in.dirs().upper())
                    + ",workdir=" + escape(in.dirs().work()) + ",userxattr" + (in.spec().remove() ? ",volatile" : "");
            return new Step.Rootfs("overlay", in.dirs().rootfs(), "overlay", "", data);
        }
        return new Step.Rootfs(in.dirs().upper().toString(), in.dirs().rootfs(), "bind", "", "");
    }

    /** The topmost layer that has an /etc/passwd: where users are looked up (build steps stack layers). */
    static Path etcOf(List<Path> lowers) throws java.io.IOException {
        for (Path lower : lowers) {
            if (Files.exists(InRoot.resolve(lower, "/etc/passwd"))) {
                return lower;
            }
        }
        return lowers.get(lowers.size() - 1);
    }

    /** Overlay's option syntax: commas, colons and backslashes in paths are escaped. */
    static String escape(Path path) {
        return path.toString().replace("\\", "\\\\").replace(",", "\\,").replace(":", "\\:");
    }

    private static void devices(List<Step> steps, IdMapping ids, boolean privileged) {
        steps.add(new Step.Mount("tmpfs", "/dev", "tmpfs", "nosuid,strictatime", "mode=755,size=65536k"));
        for (String d : DEVICES) {
            steps.add(new Step.Bind(Path.of("/dev", d), "/dev/" + d, ""));
        }
        // gid 5 is the tty group; it can own the box's terminals only when it is mapped.
        String ptsOptions = "newinstance,ptmxmode=0666,mode=0620" + (ids.mapsGid(5) ? ",gid=5" : "");
        steps.add(new Step.Mount("devpts", "/dev/pts", "devpts", "nosuid,noexec", ptsOptions));
        steps.add(new Step.Symlink("pts/ptmx", "/dev/ptmx"));
        steps.add(new Step.Mount("shm", "/dev/shm", "tmpfs", "nosuid,nodev,noexec", "mode=1777,size=65536k"));
        steps.add(new Step.Mount("mqueue", "/dev/mqueue", "mqueue", "nosuid,nodev,noexec", ""));
        steps.add(new Step.Symlink("/proc/self/fd", "/dev/fd"));
        steps.add(new Step.Symlink("/proc/self/fd/0", "/dev/stdin"));
        steps.add(new Step.Symlink("/proc/self/fd/1", "/dev/stdout"));
        steps.add(new Step.Symlink("/proc/self/fd/2", "/dev/stderr"));
    }

    /** docker's rule: ENTRYPOINT + CMD, where --entrypoint replaces both and arguments replace CMD. */
    static List<String> command(BoxSpec spec, ContainerConfig image) {
        List<String> entrypoint = spec.entrypoint() != null ? spec.entrypoint()
                : image.entrypoint() != null ? image.entrypoint() : List.of();
        List<String> cmd = !spec.command().isEmpty() ? spec.command()
                : spec.entrypoint() != null || image.cmd() == null ? List.of() : image.cmd();
        List<String> argv = new ArrayList<>(entrypoint);
        argv.addAll(cmd);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("no command specified: the image has no CMD or ENTRYPOINT; give one after the image name");
        }
        return List.copyOf(argv);
    }

    static Set<Capability> capabilities(BoxSpec spec) {
        if (spec.privileged()) {
            return Capability.all();
        }
        Set<Capability> caps = EnumSet.noneOf(Capability.class);
        caps.addAll(Capability.podmanDefaults());
        for (String add : spec.capAdd()) {
            if (add.equalsIgnoreCase("ALL")) {
                caps.addAll(Capability.all());
            } else {
                caps.add(Capability.parse(add));
            }
        }
        boolean droppedAll = false;
        for (String drop : spec.capDrop()) {
            if (drop.equalsIgnoreCase("ALL")) {
                caps.clear();
                droppedAll = true;
            } else {
                caps.remove(Capability.parse(drop));
            }
        }
        // Added after the drops, as docker does: --cap-drop ALL --cap-add CHOWN keeps CHOWN.
        if (droppedAll) {
            for (String add : spec.capAdd()) {
                if (!add.equalsIgnoreCase("ALL")) {
                    caps.add(Capability.parse(add));
                }
            }
        }
        return caps;
    }

    static List<String> environment(BoxSpec spec, ContainerConfig image, String hostname, BoxUser user) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", DEFAULT_PATH);
        for (String e : image.env()) {
            put(env, e);
        }
        env.put("HOSTNAME", hostname);
        if (spec.tty()) {
            env.putIfAbsent("TERM", "xterm");
        }
        env.putIfAbsent("HOME", user.home());
        for (String e : spec.env()) {
            int eq = e.indexOf('=');
            if (eq < 0) {
                String host = System.getenv(e); // "-e NAME": the host's value, if it has one
                if (host != null) {
                    env.put(e, host);
                }
            } else {
                put(env, e);
            }
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : env.entrySet()) {
            out.add(e.getKey() + "=" + e.getValue());
        }
        return out;
    }

    private static void put(Map<String, String> env, String entry) {
        int eq = entry.indexOf('=');
        if (eq > 0) {
            env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
    }
}
