package dev.foxbox.runtime.box;

import dev.foxbox.image.DataRoot;
import dev.foxbox.image.ImageCommitter;
import dev.foxbox.image.LocalImages;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.model.Platform;
import dev.foxbox.image.model.Syntax;
import dev.foxbox.image.store.LockFile;
import dev.foxbox.image.store.StoredImage;
import dev.foxbox.runtime.helper.Handover;
import dev.foxbox.runtime.helper.HelperBinary;
import dev.foxbox.runtime.helper.HelperPlan;
import dev.foxbox.runtime.helper.HelperProcess;
import dev.foxbox.runtime.helper.Step;
import dev.foxbox.runtime.ids.IdMapping;
import dev.foxbox.runtime.ids.SubordinateIds;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The runtime's engine: makes boxes from images, starts them through the helper, and manages
 * them afterwards. The CLI's box commands are thin wrappers around these methods; other
 * programs can call them the same way.
 *
 * <p>Call order: {@link #create} resolves the image, flattens it once and records the box;
 * {@link #start(BoxRecord, boolean, ProcessBuilder)} plans it and starts the helper; for an
 * attached box {@link RunningBox#waitFor()} returns its exit status, for a detached one it
 * returns as soon as the box runs, and a monitor process keeps its log and state. {@link #run}
 * is create then start; {@link #run(BoxSpec, Handover)} hands an attached box to the helper that
 * started this JVM instead of starting one.
 */
public final class Boxes {

    /** A box's log is rotated past this size (one older file is kept), as docker's json-file does by default. */
    static final long LOG_MAX_BYTES = 10L * 1024 * 1024;

    private final DataRoot root;
    private final LocalImages images;
    private final ImageResolver resolver;
    private final Consumer<String> warnings;
    private final BoxRecords records;
    private final long uid;
    private Function<String, List<String>> removeCommand;
    private IdMapping ids;
    private Path helper;
    private BoxFiles files;

    /** Boxes of images in the store only. */
    public Boxes(DataRoot root, LocalImages images, Consumer<String> warnings) throws IOException {
        this(root, images, images::get, warnings);
    }

    /** Boxes of images that {@code resolver} finds, e.g. pulling the ones the store lacks. */
    public Boxes(DataRoot root, LocalImages images, ImageResolver resolver, Consumer<String> warnings) throws IOException {
        this.root = root;
        this.images = images;
        this.resolver = resolver;
        this.warnings = warnings;
        this.records = new BoxRecords(root);
        this.uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    /**
     * The command a {@code --rm} box's monitor runs once the box has exited, when no foxbox waits
     * for it (a detached box, one handed over) and the monitor could not remove it all itself,
     * given the box's id: the CLI sets {@code foxbox rm -f ID}. Without one, such boxes stay until
     * removed.
     */
    public void removeCommand(Function<String, List<String>> command) {
        this.removeCommand = command;
    }

    // ---- create and start ------------------------------------------------------------------------

    /** Creates and starts a box; see the class comment. */
    public RunningBox run(BoxSpec spec, ProcessBuilder stdio) throws IOException {
        return run(spec, stdio, null);
    }

    /**
     * Creates an attached box and hands it to the helper that started this JVM, which runs it with
     * this JVM's stdio; {@link RunningBox#waitFor()} returns 0 as soon as it runs.
     */
    public RunningBox run(BoxSpec spec, Handover handover) throws IOException {
        if (spec.detach()) {
            throw new IllegalArgumentException("a detached box is not handed over");
        }
        return run(spec, null, handover);
    }

    private RunningBox run(BoxSpec spec, ProcessBuilder stdio, Handover handover) throws IOException {
        StoredImage image = resolver.resolve(spec.image());
        BoxRecord box = create(spec, image);
        try {
            return start(box, image, !spec.detach(), stdio, handover);
        } catch (IOException | RuntimeException e) {
            remove(box);
            throw e;
        }
    }

    /** Makes a box that is not started yet: its name, directories, /etc files and record. */
    public BoxRecord create(BoxSpec spec) throws IOException {
        return create(spec, resolver.resolve(spec.image()));
    }

    private BoxRecord create(BoxSpec spec, StoredImage image) throws IOException {
        ensureRuntime();
        Path imageRoot = new ImageRoots(root, files).rootOf(image);
        String id = BoxNames.newId();
        String name = claimName(spec.name(), id);
        BoxDirs dirs = dirs(id);
        try {
            Files.createDirectories(dirs.upper());
            Files.createDirectories(dirs.work());
            Files.createDirectories(dirs.rootfs());
            String hostname = spec.hostname() != null ? spec.hostname()
                    : spec.network() == BoxSpec.Network.HOST ? hostHostname() : name;
            Files.writeString(dirs.hosts(), BoxNetwork.hostsFile(spec.network(), hostname), StandardCharsets.UTF_8);
            Files.writeString(dirs.hostname(), hostname + "\n", StandardCharsets.UTF_8);
            Files.writeString(dirs.resolvConf(), BoxNetwork.resolvConf(spec.network()), StandardCharsets.UTF_8);
            if (!Features.overlay(root, helper, ids)) {
                files.copyTree(imageRoot, dirs.upper());
            }
            BoxSpec withVolumes = withVolumes(spec, image.config().config().volumes(), imageRoot);
            List<String> argv = BoxPlanner.command(spec, image.config().config());
            BoxRecord box = new BoxRecord(id, name, spec.image(), image.id(), image.target(), Instant.now(), argv,
                    hostname, withVolumes);
            records.write(box);
            return box;
        } catch (IOException | RuntimeException e) {
            files.remove(dirs.dir());
            Files.deleteIfExists(nameLink(name));
            throw e;
        }
    }

    /**
     * Starts a created or exited box: attached, the helper runs with {@code stdio} and
     * {@link RunningBox#waitFor()} returns the box's status; detached, it returns once the box
     * runs. An attached {@code --rm} box is removed when it exits.
     */
    public RunningBox start(BoxRecord box, boolean attach, ProcessBuilder stdio) throws IOException {
        return start(box, imageOf(box), attach, stdio, null);
    }

    /** Starts the helper with {@code stdio}, or hands the plan to {@code handover} when it is not null. */
    private RunningBox start(BoxRecord box, StoredImage image, boolean attach, ProcessBuilder stdio, Handover handover)
            throws IOException {
        ensureRuntime();
        BoxDirs dirs = dirs(box.id());
        HelperProcess process;
        try (LockFile.Held held = lock(box)) {
            if (status(box).running()) {
                throw new IllegalStateException("box " + box.name() + " is already running");
            }
            Files.deleteIfExists(dirs.state());
            BoxPlanner.Planned planned = plan(box, image, attach, handover != null);
            process = handover != null ? HelperProcess.handOver(handover, planned.plan(), dirs.plan())
                    : HelperProcess.start(helper, planned.plan(), dirs.plan(), stdio);
        }
        return new RunningBox(box.id(), box.name(), process, new RunningBox.Cleanup() {
            @Override
            public void afterExit() throws IOException {
                if (attach && box.spec().remove()) {
                    remove(box);
                }
            }
        }); // not a lambda: a box start links none (BENCHMARKS.md, "Run")
    }

    /**
     * The box's mounts made concrete: bind sources checked (never created), volumes made (a new
     * one filled from the image's content at its path), the image's VOLUME paths given anonymous
     * volumes unless a mount covers them.
     */
    private BoxSpec withVolumes(BoxSpec spec, Set<String> imageVolumes, Path imageRoot) throws IOException {
        List<BoxSpec.MountSpec> mounts = new ArrayList<>();
        Set<String> covered = new HashSet<>();
        for (BoxSpec.MountSpec m : spec.mounts()) {
            covered.add(m.target());
            if (m.kind() == BoxSpec.MountSpec.Kind.BIND) {
                Path source = Path.of(m.source());
                if (!source.isAbsolute() || !Files.exists(source)) {
                    throw new IllegalArgumentException("bind source path does not exist: " + m.source());
                }
                mounts.add(m);
            } else if (m.kind() == BoxSpec.MountSpec.Kind.VOLUME) {
                String name = m.source() != null ? m.source() : BoxNames.newId();
                volume(name, m.source() == null, m.target(), imageRoot);
                mounts.add(new BoxSpec.MountSpec(m.kind(), name, m.target(), m.readOnly(), m.options()));
            } else {
                mounts.add(m);
            }
        }
        for (String path : imageVolumes) {
            if (!covered.contains(path)) {
                String name = BoxNames.newId();
                volume(name, true, path, imageRoot);
                mounts.add(new BoxSpec.MountSpec(BoxSpec.MountSpec.Kind.VOLUME, name, path, false, null));
            }
        }
        return new BoxSpec(spec.image(), spec.command(), spec.entrypoint(), spec.env(), spec.workdir(), spec.user(),
                spec.name(), spec.hostname(), spec.network(), spec.tty(), spec.interactive(), spec.init(), spec.readOnly(),
                spec.capAdd(), spec.capDrop(), spec.privileged(), spec.noNewPrivileges(), spec.seccomp(),
                spec.seccompProfile(), spec.ulimits(), spec.trace(), spec.remove(), spec.detach(), spec.publishing(),
                mounts, spec.resources());
    }

    private void volume(String name, boolean anonymous, String target, Path imageRoot) throws IOException {
        Volumes.Ensured v = new Volumes(root).ensure(name, anonymous);
        Path content = InRoot.resolve(imageRoot, target);
        if (v.created() && Files.isDirectory(content)) {
            files.copyTree(content, v.volume().data());
        }
    }

    private List<Step> mountSteps(BoxSpec spec) {
        List<Step> steps = new ArrayList<>();
        for (BoxSpec.MountSpec m : spec.mounts()) {
            String flags = "rec" + (m.readOnly() ? ",ro" : "");
            switch (m.kind()) {
                case BIND -> steps.add(new Step.Bind(Path.of(m.source()), m.target(), flags));
                case VOLUME -> steps.add(new Step.Bind(new Volumes(root).dir(m.source()).resolve("_data"), m.target(), flags));
                case TMPFS -> steps.add(new Step.Mount("tmpfs", m.target(), "tmpfs",
                        "nosuid,nodev" + (m.readOnly() ? ",ro" : ""), m.options() == null ? "mode=1777" : m.options()));
            }
        }
        return steps;
    }

    /** {@code handedOver}: no foxbox will wait for the box; its monitor finishes a --rm box's removal. */
    private BoxPlanner.Planned plan(BoxRecord box, StoredImage image, boolean attach, boolean handedOver) throws IOException {
        Path imageRoot = new ImageRoots(root, files).rootOf(image);
        BoxSpec spec = box.spec();
        BoxDirs dirs = dirs(box.id());
        boolean overlay = Features.overlay(root, helper, ids);
        List<String> exitCommand = (!attach || handedOver) && spec.remove() && removeCommand != null
                ? removeCommand.apply(box.id()) : List.of();
        // An attached --rm box: the helper removes what it can as the box ends, in remove()'s order,
        // and remove() (here, or through the exit command) finishes the job, or does it all if the
        // helper could not.
        HelperPlan.Removal removal = attach && spec.remove()
                ? new HelperPlan.Removal(List.of(dirs.dir().resolve(BoxRecords.FILE), dirs.dir()), nameLink(box.name()),
                        nameTarget(box.id()))
                : null;
        HelperPlan.Watch watch = new HelperPlan.Watch(dirs.log(), LOG_MAX_BYTES, dirs.state(), !attach, exitCommand,
                removal);
        HelperPlan.Slirp slirp = null;
        List<HelperPlan.Port> ports = List.of();
        if (spec.network() == BoxSpec.Network.SLIRP4NETNS) {
            String missing = BoxNetwork.slirpMissing();
            if (missing != null) {
                throw new IllegalStateException("--network slirp4netns: " + missing);
            }
            ports = BoxNetwork.ports(spec, image.config().config());
            slirp = new HelperPlan.Slirp(BoxNetwork.SLIRP4NETNS, BoxNetwork.apiSocket(box.id()), BoxNetwork.MTU,
                    spec.publishing().allowHostLoopback(), ports);
        } else if (!spec.publishing().ports().isEmpty() || spec.publishing().publishAll()) {
            throw new IllegalArgumentException("publishing ports needs --network slirp4netns");
        }
        Files.writeString(dirs.ports(), portLines(ports));
        Path cgroup = Cgroups.system(uid).create(box.id(), spec.resources());
        Files.writeString(dirs.cgroup(), cgroup == null ? "" : cgroup.toString());
        BoxPlanner.Inputs inputs = new BoxPlanner.Inputs(spec, image.config().config(), List.of(imageRoot), dirs, ids,
                box.hostname(), overlay, Features.hostCgroup2(), seccomp(spec), mountSteps(spec), slirp, cgroup);
        return new BoxPlanner().plan(inputs, watch);
    }

    private static String portLines(List<HelperPlan.Port> ports) {
        StringBuilder out = new StringBuilder();
        for (HelperPlan.Port p : ports) {
            out.append(p.proto()).append(' ').append(p.hostAddr()).append(' ').append(p.hostPort()).append(' ')
                    .append(p.boxPort()).append('\n');
        }
        return out.toString();
    }

    /** The ports a running box publishes (none when it is not running). */
    public List<HelperPlan.Port> ports(BoxRecord box) throws IOException {
        if (!status(box).running()) {
            return List.of();
        }
        List<HelperPlan.Port> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(dirs(box.id()).ports())) {
                String[] f = line.split(" ");
                if (f.length == 4) {
                    out.add(new HelperPlan.Port(f[0], f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3])));
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return List.of();
        }
        return out;
    }

    /** The image a box was made from, by its manifest: found even when its name was removed. */
    StoredImage imageOf(BoxRecord box) throws IOException {
        return images.store().resolveEntry(box.manifest(), Platform.host());
    }

    private BoxPlanner.SeccompChoice seccomp(BoxSpec spec) throws IOException {
        return Seccomp.choose(spec, BoxPlanner.capabilities(spec), root.dir().resolve("cache").resolve("seccomp"));
    }

    // ---- exec ------------------------------------------------------------------------------------

    /** Runs another command in a running box, with the box's namespaces, capabilities and seccomp filter. */
    public RunningBox exec(String nameOrId, ExecSpec exec, ProcessBuilder stdio) throws IOException {
        return exec(nameOrId, exec, stdio, null);
    }

    /**
     * As {@link #exec(String, ExecSpec, ProcessBuilder)}, attached, handed to the helper that started
     * this JVM (see {@link #run(BoxSpec, Handover)}); {@link RunningBox#waitFor()} returns 0 as soon
     * as the command runs, and the helper removes the exec's plan and error files after it.
     */
    public RunningBox exec(String nameOrId, ExecSpec exec, Handover handover) throws IOException {
        if (exec.detach()) {
            throw new IllegalArgumentException("a detached exec is not handed over");
        }
        return exec(nameOrId, exec, null, handover);
    }

    private RunningBox exec(String nameOrId, ExecSpec exec, ProcessBuilder stdio, Handover handover) throws IOException {
        BoxRecord box = find(nameOrId);
        BoxStatus status = status(box);
        if (!status.running()) {
            throw new IllegalStateException("box " + box.name() + " is not running");
        }
        ensureRuntime();
        BoxDirs dirs = dirs(box.id());
        String tag = "exec-" + BoxNames.newId().substring(0, 12);
        Path planFile = dirs.dir().resolve(tag + ".plan");
        Path errorFile = dirs.dir().resolve(tag + ".error");
        StoredImage image = imageOf(box);
        HelperPlan.Removal removal = handover != null ? new HelperPlan.Removal(List.of(planFile, errorFile), null, null) : null;
        HelperPlan plan = new BoxPlanner().planExec(box, image.config().config(), exec, status.pid(), dirs.boxfs(), ids,
                seccomp(box.spec()), errorFile, removal);
        HelperProcess process = handover != null ? HelperProcess.handOver(handover, plan, planFile)
                : HelperProcess.start(helper, plan, planFile, stdio);
        return new RunningBox(box.id(), box.name(), process, new RunningBox.Cleanup() {
            @Override
            public void afterExit() throws IOException {
                Files.deleteIfExists(planFile);
                Files.deleteIfExists(errorFile);
            }
        });
    }

    // ---- state -----------------------------------------------------------------------------------

    public List<BoxRecord> list() throws IOException {
        return records.list();
    }

    public BoxStatus status(BoxRecord box) throws IOException {
        return BoxStatus.read(dirs(box.id()).state());
    }

    /** A box by name, full id or unique id prefix. */
    public BoxRecord find(String nameOrId) throws IOException {
        List<BoxRecord> all = records.list();
        for (BoxRecord b : all) {
            if (b.name().equals(nameOrId) || b.id().equals(nameOrId)) {
                return b;
            }
        }
        List<BoxRecord> byPrefix = all.stream().filter(b -> !nameOrId.isEmpty() && b.id().startsWith(nameOrId)).toList();
        if (byPrefix.size() == 1) {
            return byPrefix.get(0);
        }
        throw new BoxNotFoundException(byPrefix.size() > 1 ? "box id prefix '" + nameOrId + "' is ambiguous"
                : "no such box: " + nameOrId);
    }

    /** Where a running box's file system can be seen from the host, and its log. */
    public Path boxfs(BoxRecord box) {
        return dirs(box.id()).boxfs();
    }

    public Path logFile(BoxRecord box) {
        return dirs(box.id()).log();
    }

    /** The box's log, for {@code foxbox logs}. */
    public BoxLogs logs(BoxRecord box) {
        return new BoxLogs(dirs(box.id()).log(), () -> status(box).running());
    }

    /** The processes of a running box, for {@code foxbox top}. */
    public List<BoxProcesses.Fox> processes(BoxRecord box) throws IOException {
        BoxStatus status = status(box);
        if (!status.running()) {
            throw new IllegalStateException("box " + box.name() + " is not running");
        }
        ensureRuntime();
        return BoxProcesses.of(status.pid(), ids);
    }

    /** A running box's resource use now (see {@link BoxStats}). */
    public BoxStats stats(BoxRecord box) throws IOException {
        List<BoxProcesses.Fox> foxes = processes(box);
        String cgroup = "";
        try {
            cgroup = Files.readString(dirs(box.id()).cgroup()).strip();
        } catch (java.nio.file.NoSuchFileException e) {
            // no cgroup
        }
        return BoxStats.sample(cgroup.isEmpty() ? null : Path.of(cgroup), foxes);
    }

    /** Blocks until the box has exited; returns its exit status (-1 when its monitor died). */
    public int waitFor(BoxRecord box) throws IOException, InterruptedException {
        BoxStatus status = status(box);
        while (status.state() != BoxStatus.State.EXITED) {
            if (status.state() == BoxStatus.State.CREATED && !Files.exists(dirs(box.id()).dir())) {
                throw new BoxNotFoundException("no such box: " + box.name());
            }
            Thread.sleep(50);
            status = status(box);
        }
        return status.exitCode();
    }

    // ---- stop, kill, remove, rename, prune -------------------------------------------------------

    /**
     * Sends the box its stop signal (the image's STOPSIGNAL, else SIGTERM), then SIGKILL after
     * {@code timeout}; returns once the box has exited.
     */
    public BoxRecord stop(String nameOrId, Duration timeout) throws IOException, InterruptedException {
        BoxRecord box = find(nameOrId);
        BoxStatus status = status(box);
        if (!status.running()) {
            return box;
        }
        String stopSignal = imageOf(box).config().config().stopSignal();
        Signals.send(status.pid(), Signals.parse(stopSignal == null ? "SIGTERM" : stopSignal));
        Instant deadline = Instant.now().plus(timeout);
        while (status(box).running() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        if (status(box).running()) {
            Signals.send(status.pid(), 9);
        }
        waitFor(box);
        return box;
    }

    public BoxRecord kill(String nameOrId, int signal) throws IOException {
        BoxRecord box = find(nameOrId);
        BoxStatus status = status(box);
        if (!status.running() || !Signals.send(status.pid(), signal)) {
            throw new IllegalStateException("box " + box.name() + " is not running");
        }
        return box;
    }

    /**
     * Removes a box by name or id: its record, files and name. A running box is refused unless
     * {@code force}, which kills it first.
     */
    public BoxRecord remove(String nameOrId, boolean force) throws IOException, InterruptedException {
        return remove(nameOrId, force, false);
    }

    /** As {@link #remove(String, boolean)}; with {@code volumes}, the box's anonymous volumes go too ({@code rm -v}). */
    public BoxRecord remove(String nameOrId, boolean force, boolean volumes) throws IOException, InterruptedException {
        BoxRecord box = find(nameOrId);
        try (LockFile.Held held = lock(box)) {
            BoxStatus status = status(box);
            if (status.running()) {
                if (!force) {
                    throw new IllegalStateException("box " + box.name() + " is running: stop it first, or use -f");
                }
                Signals.send(status.pid(), 9);
                waitFor(box);
            }
            remove(box);
            if (volumes) {
                Volumes vols = new Volumes(root);
                for (BoxSpec.MountSpec m : box.spec().mounts()) {
                    Volumes.Volume v = m.kind() == BoxSpec.MountSpec.Kind.VOLUME ? vols.read(m.source()) : null;
                    if (v != null && v.anonymous()) {
                        files.remove(vols.dir(v.name()));
                    }
                }
            }
        }
        return box;
    }

    /** Removes a volume that no box uses ({@code volume rm}). */
    public void removeVolume(String name, boolean force) throws IOException, InterruptedException {
        Volumes vols = new Volumes(root);
        vols.get(name);
        List<String> users = Volumes.users(name, records.list());
        if (!users.isEmpty()) {
            if (!force) {
                throw new IllegalStateException("volume " + name + " is in use by box " + String.join(", ", users));
            }
            for (String user : users) {
                remove(user, true);
            }
        }
        ensureRuntime();
        files.remove(vols.dir(name));
    }

    /** Removes every volume no box uses (anonymous ones only, unless {@code all}); returns their names. */
    public List<String> pruneVolumes(boolean all) throws IOException, InterruptedException {
        List<String> removed = new ArrayList<>();
        List<BoxRecord> boxes = records.list();
        for (Volumes.Volume v : new Volumes(root).list()) {
            if ((all || v.anonymous()) && Volumes.users(v.name(), boxes).isEmpty()) {
                removeVolume(v.name(), false);
                removed.add(v.name());
            }
        }
        return removed;
    }

    private void remove(BoxRecord box) throws IOException {
        ensureRuntime();
        removeCgroup(box.id());
        // The record goes first: a box half removed is no box, never a broken one.
        Files.deleteIfExists(dirs(box.id()).dir().resolve(BoxRecords.FILE));
        files.remove(dirs(box.id()).dir());
        unlinkName(box);
    }

    private void removeCgroup(String id) throws IOException {
        try {
            String cgroup = Files.readString(dirs(id).cgroup()).strip();
            if (!cgroup.isEmpty()) {
                Cgroups.remove(Path.of(cgroup));
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // never started
        }
    }

    /**
     * Removes what is left of a box whose removal was cut short after its record went: a --rm
     * box's monitor removes the record first, and leaves files of the box's other ids to
     * {@code foxbox rm -f ID}. Returns false when {@code id} (a whole id) names no such remains.
     */
    public boolean removeRemains(String id) throws IOException {
        Path dir = dirs(id).dir();
        if (!Syntax.isHex64(id) || !Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                || Files.exists(dir.resolve(BoxRecords.FILE))) {
            return false;
        }
        ensureRuntime();
        removeCgroup(id);
        files.remove(dir);
        try (var names = Files.list(root.boxes().resolve("by-name"))) {
            for (Path link : names.toList()) {
                try {
                    if (Files.readSymbolicLink(link).toString().equals(nameTarget(id))) {
                        Files.deleteIfExists(link);
                    }
                } catch (java.nio.file.NoSuchFileException | java.nio.file.NotLinkException e) {
                    // gone meanwhile, or not a name
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // no names at all
        }
        return true;
    }

    /** Deletes the box's name, unless the name is another box's by now (renamed, then taken again). */
    private void unlinkName(BoxRecord box) throws IOException {
        Path link = nameLink(box.name());
        try {
            if (Files.readSymbolicLink(link).toString().equals(nameTarget(box.id()))) {
                Files.deleteIfExists(link);
            }
        } catch (java.nio.file.NoSuchFileException | java.nio.file.NotLinkException e) {
            // gone already (the helper removed it), or not ours to touch
        }
    }

    public BoxRecord rename(String nameOrId, String newName) throws IOException {
        BoxRecord box = find(nameOrId);
        try (LockFile.Held held = lock(box)) {
            claimName(BoxNames.check(newName), box.id());
            BoxRecord renamed = box.withName(newName);
            records.write(renamed);
            Files.deleteIfExists(nameLink(box.name()));
            return renamed;
        }
    }

    /** Removes every box that is not running; returns them. */
    public List<BoxRecord> prune() throws IOException, InterruptedException {
        List<BoxRecord> removed = new ArrayList<>();
        for (BoxRecord box : records.list()) {
            if (!status(box).running()) {
                remove(box.id(), false);
                removed.add(box);
            }
        }
        return removed;
    }

    /**
     * Removes the flattened roots of images that are no longer in the store (and any left half
     * written) unless a box still uses them; returns how many went. rmi and system prune call it.
     */
    public int pruneImageRoots() throws IOException {
        if (!Files.isDirectory(root.images())) {
            return 0;
        }
        Set<String> keep = new HashSet<>();
        for (StoredImage image : images.list().images()) {
            keep.add(image.manifestDigest().hex());
        }
        for (BoxRecord box : records.list()) {
            keep.add(box.manifest().digest().hex()); // a box's lower layer, even if its image was removed with -f
        }
        int removed = 0;
        try (var dirs = Files.list(root.images())) {
            for (Path dir : dirs.toList()) {
                if (keep.contains(dir.getFileName().toString())) {
                    try (var parts = Files.list(dir)) {
                        for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("rootfs.partial-")).toList()) {
                            ensureRuntime();
                            files.remove(part);
                        }
                    }
                    continue;
                }
                ensureRuntime();
                files.remove(dir);
                removed++;
            }
        }
        return removed;
    }

    // ---- export and commit -----------------------------------------------------------------------

    /**
     * Writes the box's file system as the box sees it (its image with its changes) as a tar to
     * {@code out}; a running box as it is at that moment. See {@link BoxTars#export}.
     */
    public BoxRecord export(String nameOrId, OutputStream out) throws IOException {
        BoxRecord box = find(nameOrId);
        ensureRuntime();
        try (LockFile.Held held = lock(box)) {
            Path imageRoot = new ImageRoots(root, files).rootOf(imageOf(box));
            new BoxTars(root, helper, ids).export(dirs(box.id()), imageRoot, Features.overlay(root, helper, ids), out);
        }
        return box;
    }

    /**
     * Makes an image of the box's image and the box's changes, as one more layer (see
     * {@link BoxTars#changes}), and names it {@code name}.
     */
    public StoredImage commit(String nameOrId, ImageReference name, ImageCommitter.Options options) throws IOException {
        BoxRecord box = find(nameOrId);
        ensureRuntime();
        if (!Features.overlay(root, helper, ids)) {
            throw new IllegalStateException("cannot commit box " + box.name() + ": without overlayfs in user namespaces"
                    + " (Linux 5.11+) a box holds a whole copy of its image, not its changes");
        }
        try (LockFile.Held held = lock(box)) {
            StoredImage image = imageOf(box);
            Path imageRoot = new ImageRoots(root, files).rootOf(image);
            BoxTars tars = new BoxTars(root, helper, ids);
            return new ImageCommitter(images).commit(image, out -> tars.changes(dirs(box.id()), imageRoot, out), options, name);
        }
    }

    // ---- mechanics -------------------------------------------------------------------------------

    /** The runtime's machinery for building images: RUN steps, layers, copies as the box's users. */
    public StepRunner steps() {
        return new StepRunner(root, this);
    }

    /** The id maps, the installed helper and the file mechanics, ready. */
    record Runtime(IdMapping ids, Path helper, BoxFiles files, UserNamespaceCommand unshare) {}

    Runtime runtime() throws IOException {
        ensureRuntime();
        return new Runtime(ids, helper, files, new UserNamespaceCommand(helper, ids, root.tmp()));
    }

    /** The id maps boxes get, the installed helper, and the file mechanics that depend on them. */
    private void ensureRuntime() throws IOException {
        if (files != null) {
            return;
        }
        String user = System.getProperty("user.name");
        long gid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:gid");
        SubordinateIds.Decision decision = SubordinateIds.system().decide(uid, gid, user);
        decision.warning().ifPresent(warnings);
        ids = decision.mapping();
        helper = HelperBinary.install(root.dir().resolve("helper"));
        files = new BoxFiles(root, images, ids, uid, helper);
    }

    BoxDirs dirs(String id) {
        return new BoxDirs(root.boxes().resolve(id));
    }

    /**
     * Orders the processes that start, stop or remove a box. Boxes whose ids begin with the same
     * two hex digits share a lock file: 256 files in all, made once. (A file per box would be left
     * behind by every box: deleting a lock file that another process may be waiting on is a race.)
     */
    private LockFile.Held lock(BoxRecord box) throws IOException {
        return LockFile.at(root.locks().resolve("box-" + box.id().substring(0, 2) + ".lock")).exclusive();
    }

    private Path nameLink(String name) {
        return root.boxes().resolve("by-name").resolve(name);
    }

    /** What a box's name link points to: its directory, relative to by-name/. */
    private static String nameTarget(String id) {
        return "../" + id;
    }

    /**
     * Box names are unique: a symlink boxes/by-name/NAME, created atomically, holds the claim. A
     * made-up name that is taken is made up again.
     */
    private String claimName(String wanted, String id) throws IOException {
        Files.createDirectories(root.boxes().resolve("by-name"));
        for (int attempt = 0; ; attempt++) {
            String name = wanted != null ? BoxNames.check(wanted) : BoxNames.generate(attempt);
            try {
                Files.createSymbolicLink(nameLink(name), Path.of(nameTarget(id)));
                return name;
            } catch (FileAlreadyExistsException e) {
                if (wanted != null) {
                    throw new IllegalArgumentException("the box name \"" + name + "\" is already in use");
                }
            }
        }
    }

    private static String hostHostname() throws IOException {
        Path file = Path.of("/proc/sys/kernel/hostname");
        return Files.isReadable(file) ? Files.readString(file).strip() : "localhost";
    }
}
