package dev.foxbox.runtime.box;

import dev.foxbox.image.DataRoot;
import dev.foxbox.image.LocalImages;
import dev.foxbox.image.store.StoredImage;
import dev.foxbox.runtime.helper.HelperBinary;
import dev.foxbox.runtime.helper.HelperProcess;
import dev.foxbox.runtime.ids.IdMapping;
import dev.foxbox.runtime.ids.SubordinateIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The runtime's engine: makes boxes from images and runs them through the helper. The CLI's
 * {@code run} is a thin wrapper around {@link #start}; other programs can call it the same way.
 *
 * <p>Call order: {@link #start} resolves the image, flattens it once, plans the box, starts the
 * helper and returns; {@link RunningBox#waitFor()} returns the box's exit status.
 */
public final class Boxes {

    private final DataRoot root;
    private final LocalImages images;
    private final ImageResolver resolver;
    private final Consumer<String> warnings;
    private final long uid;
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
        this.uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    /** Starts a box as {@code spec} says, with {@code stdio} set up for its stdin, stdout and stderr. */
    public RunningBox start(BoxSpec spec, ProcessBuilder stdio) throws IOException {
        StoredImage image = resolver.resolve(spec.image());
        ensureRuntime();
        Path imageRoot = new ImageRoots(root, files).rootOf(image);

        String id = BoxNames.newId();
        String name = spec.name() != null ? BoxNames.check(spec.name()) : BoxNames.generate();
        Path nameLink = claimName(name, id);
        BoxDirs dirs = new BoxDirs(root.boxes().resolve(id));
        try {
            Files.createDirectories(dirs.upper());
            Files.createDirectories(dirs.work());
            Files.createDirectories(dirs.rootfs());
            String hostname = spec.hostname() != null ? spec.hostname()
                    : spec.network() == BoxSpec.Network.HOST ? hostHostname() : name;
            Files.writeString(dirs.hosts(), BoxPlanner.hostsFile(spec.network(), hostname), StandardCharsets.UTF_8);
            Files.writeString(dirs.hostname(), hostname + "\n", StandardCharsets.UTF_8);
            Files.writeString(dirs.resolvConf(), BoxPlanner.resolvConf(), StandardCharsets.UTF_8);
            boolean overlay = Features.overlay(root, helper, ids);
            if (!overlay) {
                files.copyTree(imageRoot, dirs.upper());
            }
            BoxPlanner.Inputs inputs = new BoxPlanner.Inputs(spec, image.config().config(), imageRoot, dirs, ids,
                    hostname, overlay, Features.hostCgroup2(), Seccomp.choose(spec, BoxPlanner.capabilities(spec), root.dir().resolve("cache").resolve("seccomp")));
            BoxPlanner.Planned planned = new BoxPlanner().plan(inputs);
            new BoxRecords(root).write(new BoxRecord(id, name, spec.image(), image.id(), image.target(),
                    java.time.Instant.now(), planned.argv(), hostname, spec.remove()));
            HelperProcess process = HelperProcess.start(helper, planned.plan(), dirs.plan(), stdio);
            return new RunningBox(id, name, process, () -> {
                if (spec.remove()) {
                    remove(dirs, nameLink);
                }
            });
        } catch (IOException | RuntimeException e) {
            remove(dirs, nameLink);
            throw e;
        }
    }

    /**
     * Removes the flattened roots of images that are no longer in the store, and any left half
     * written; returns how many went. rmi and system prune call it after garbage collection.
     */
    public int pruneImageRoots() throws IOException {
        if (!Files.isDirectory(root.images())) {
            return 0;
        }
        java.util.Set<String> keep = new java.util.HashSet<>();
        for (StoredImage image : images.list().images()) {
            keep.add(image.manifestDigest().hex());
        }
        for (BoxRecord box : new BoxRecords(root).list()) {
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

    /**
     * Removes a box by name or id (a unique id prefix will do): its record, its files and its
     * name. A running box is refused unless {@code force}, which kills it first.
     */
    public BoxRecord remove(String nameOrId, boolean force) throws IOException {
        BoxRecord box = find(nameOrId);
        BoxDirs dirs = new BoxDirs(root.boxes().resolve(box.id()));
        long pid = runningPid(dirs);
        if (pid > 0) {
            if (!force) {
                throw new IllegalStateException("box " + box.name() + " is running: stop it first, or use -f");
            }
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        ensureRuntime();
        remove(dirs, root.boxes().resolve("by-name").resolve(box.name()));
        return box;
    }

    /** A box by name, full id or unique id prefix. */
    public BoxRecord find(String nameOrId) throws IOException {
        List<BoxRecord> all = new BoxRecords(root).list();
        for (BoxRecord b : all) {
            if (b.name().equals(nameOrId) || b.id().equals(nameOrId)) {
                return b;
            }
        }
        List<BoxRecord> byPrefix = all.stream().filter(b -> b.id().startsWith(nameOrId)).toList();
        if (byPrefix.size() == 1 && !nameOrId.isEmpty()) {
            return byPrefix.get(0);
        }
        throw new IllegalArgumentException(byPrefix.size() > 1 ? "box id prefix '" + nameOrId + "' is ambiguous"
                : "no such box: " + nameOrId);
    }

    /** The host pid of a running box's first process, from its boxfs link; 0 when it is not running. */
    static long runningPid(BoxDirs dirs) throws IOException {
        if (!Files.isSymbolicLink(dirs.boxfs())) {
            return 0;
        }
        String target = Files.readSymbolicLink(dirs.boxfs()).toString(); // /proc/<pid>/root
        String[] parts = target.split("/");
        try {
            long pid = Long.parseLong(parts[2]);
            return Files.exists(dirs.boxfs()) ? pid : 0;
        } catch (RuntimeException e) {
            return 0;
        }
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

    /** Box names are unique: a symlink boxes/by-name/NAME, created atomically, holds the claim. */
    private Path claimName(String name, String id) throws IOException {
        Path byName = root.boxes().resolve("by-name");
        Files.createDirectories(byName);
        Path link = byName.resolve(name);
        try {
            Files.createSymbolicLink(link, Path.of("..", id));
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException("the box name \"" + name + "\" is already in use");
        }
        return link;
    }

    private void remove(BoxDirs dirs, Path nameLink) throws IOException {
        files.remove(dirs.dir());
        Files.deleteIfExists(nameLink);
    }

    private static String hostHostname() throws IOException {
        Path file = Path.of("/proc/sys/kernel/hostname");
        return Files.isReadable(file) ? Files.readString(file).strip() : "localhost";
    }
}
