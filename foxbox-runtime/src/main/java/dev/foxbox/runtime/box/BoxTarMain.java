package dev.foxbox.runtime.box;

import dev.foxbox.image.layer.Change;
import dev.foxbox.image.layer.ChangeSet;
import dev.foxbox.image.layer.LayerWriter;
import dev.foxbox.image.layer.OverlayUpperDiff;
import dev.foxbox.image.layer.WriteOptions;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a tar of a box's files to stdout: run by {@link BoxTars} in a JVM that the helper
 * started as root of a user namespace with the boxes' id maps, so that files of every user of
 * the box can be read and keep the owners the box sees. The tar is written as layers are
 * ({@link LayerWriter}): sorted, numeric owners, overlay's own xattrs left out.
 *
 * <p>Usage: {@code BoxTarMain tree DIR} (every file under DIR: an export) or
 * {@code BoxTarMain changes UPPER IMAGE_ROOT} (what an overlay upper directory changed over the
 * image's root, whiteouts included: a commit's layer).
 */
public final class BoxTarMain {

    /** Directories the runtime mounts over in every box: what the upper has there are its mount points. */
    static final Set<String> MOUNTED_DIRS = Set.of("dev", "proc", "sys");
    /** Files the runtime binds into every box (see {@link BoxPlanner}). */
    static final Set<String> BOUND_FILES = Set.of("etc/hosts", "etc/hostname", "etc/resolv.conf");

    private BoxTarMain() {}

    public static void main(String[] args) {
        boolean tree = args.length == 2 && args[0].equals("tree");
        if (!tree && !(args.length == 3 && args[0].equals("changes"))) {
            System.err.println("usage: BoxTarMain tree DIR | BoxTarMain changes UPPER IMAGE_ROOT");
            System.exit(2);
        }
        try {
            Path dir = Path.of(args[1]);
            ChangeSet changes = tree ? ChangeSet.ofTree(dir) : boxChanges(dir, Path.of(args[2]));
            OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 256 * 1024);
            new LayerWriter(WriteOptions.defaults()).write(changes, out);
            out.flush();
        } catch (IOException | RuntimeException e) {
            System.err.println(e.getMessage() != null ? e.getMessage() : e.toString());
            System.exit(1);
        }
        System.exit(0);
    }

    /**
     * The changes of a box's upper directory, without the runtime's mount points: a box never
     * writes through them into the upper directory (its /dev, /proc and /sys are mounts, its
     * /etc/hosts, hostname and resolv.conf binds), so what is there was made for the mounts. A
     * directory that then holds no change and has the image's mode and owners was only copied
     * up (to hold a mount point, or a file made and deleted again), and is left out too.
     */
    static ChangeSet boxChanges(Path upper, Path imageRoot) throws IOException {
        ChangeSet all = OverlayUpperDiff.changes(upper);
        List<Change> kept = new ArrayList<>(all.changes().stream().filter(c -> !mountPoint(c.path())).toList());
        Set<String> opaque = new HashSet<>();
        Map<String, Integer> below = new HashMap<>(); // changes strictly below each directory
        for (Change c : kept) {
            if (c instanceof Change.Opaque) {
                opaque.add(c.path());
            }
            for (String parent = parentOf(c.path()); parent != null; parent = parentOf(parent)) {
                below.merge(parent, 1, Integer::sum);
            }
        }
        List<Change> deepestFirst = new ArrayList<>(kept);
        deepestFirst.sort(Comparator.comparingInt((Change c) -> c.path().split("/").length).reversed());
        Set<Change> dropped = new HashSet<>();
        for (Change c : deepestFirst) {
            String path = c.path();
            if (c instanceof Change.Added && !opaque.contains(path) && below.getOrDefault(path, 0) == 0
                    && sameDirectory(upper.resolve(path), imageRoot.resolve(path))) {
                dropped.add(c);
                for (String parent = parentOf(path); parent != null; parent = parentOf(parent)) {
                    below.merge(parent, -1, Integer::sum);
                }
            }
        }
        kept.removeAll(dropped);
        return new ChangeSet(all.source(), kept);
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? null : path.substring(0, slash);
    }

    private static boolean sameDirectory(Path a, Path b) throws IOException {
        if (!Files.isDirectory(a, LinkOption.NOFOLLOW_LINKS) || !Files.isDirectory(b, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        for (String attribute : List.of("unix:mode", "unix:uid", "unix:gid")) {
            if (!Files.getAttribute(a, attribute, LinkOption.NOFOLLOW_LINKS).equals(Files.getAttribute(b, attribute, LinkOption.NOFOLLOW_LINKS))) {
                return false;
            }
        }
        return true;
    }

    static boolean mountPoint(String path) {
        int slash = path.indexOf('/');
        return MOUNTED_DIRS.contains(slash < 0 ? path : path.substring(0, slash)) || BOUND_FILES.contains(path);
    }
}
