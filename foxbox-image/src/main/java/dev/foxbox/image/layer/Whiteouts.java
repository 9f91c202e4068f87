package dev.foxbox.image.layer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * OCI whiteouts. {@code .wh.NAME} removes NAME, {@code .wh..wh..opq} removes everything in its
 * directory; both only hide what earlier layers put there, never what the layer being applied
 * adds, wherever the marker sits in the tar. Other {@code .wh..wh.} names are aufs bookkeeping
 * (such as {@code .wh..wh.plnk}) and are ignored. Whiteout entries are never written to disk.
 */
final class Whiteouts {

    static final String PREFIX = ".wh.";
    static final String OPAQUE = ".wh..wh..opq";
    private static final String AUFS_PREFIX = ".wh..wh.";

    private final Path root;
    private final RootResolver resolver;
    private final DirectoryFixups fixups;
    private final Set<InRootPath> addedByLayer;

    Whiteouts(Path root, RootResolver resolver, DirectoryFixups fixups, Set<InRootPath> addedByLayer) {
        this.root = root;
        this.resolver = resolver;
        this.fixups = fixups;
        this.addedByLayer = addedByLayer;
    }

    static boolean isWhiteout(InRootPath path) {
        return !path.isRoot() && path.name().startsWith(PREFIX);
    }

    void apply(InRootPath marker, EntryRef ref) throws IOException {
        String name = marker.name();
        if (name.equals(OPAQUE)) {
            makeOpaque(marker.parent(), ref);
        } else if (!name.startsWith(AUFS_PREFIX)) {
            String hidden = name.substring(PREFIX.length());
            if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
                throw ref.unsafe("whiteout does not name an entry of its directory");
            }
            remove(marker.parent(), hidden, ref);
        }
    }

    private void remove(InRootPath logicalDir, String name, EntryRef ref) throws IOException {
        InRootPath dir = resolver.resolveDirectory(logicalDir, false, ref);
        if (dir != null) {
            removeLower(dir.child(name));
        }
    }

    private void makeOpaque(InRootPath logicalDir, EntryRef ref) throws IOException {
        InRootPath dir;
        if (logicalDir.isRoot()) {
            dir = InRootPath.ROOT;
        } else {
            InRootPath parent = resolver.resolveDirectory(logicalDir.parent(), false, ref);
            if (parent == null) {
                return;
            }
            // The directory itself is not followed: if an earlier layer made it a symlink, what
            // the symlink points to is not "below" it, and the layer's own entry replaces it.
            dir = parent.child(logicalDir.name());
        }
        Stat stat = Stat.ofOrNull(dir.under(root));
        if (stat != null && stat.isDirectory()) {
            removeLowerChildren(dir, stat);
        }
    }

    /** Removes what earlier layers left at {@code path}, keeping what this layer added. */
    private void removeLower(InRootPath path) throws IOException {
        Stat stat = Stat.ofOrNull(path.under(root));
        if (stat == null) {
            return;
        }
        if (!addedByLayer.contains(path)) {
            Trees.deleteRecursively(path.under(root));
        } else if (stat.isDirectory()) {
            removeLowerChildren(path, stat);
        }
    }

    private void removeLowerChildren(InRootPath dir, Stat stat) throws IOException {
        fixups.ensureAccessible(dir, stat);
        for (Path child : Trees.children(dir.under(root))) {
            removeLower(dir.child(child.getFileName().toString()));
        }
    }
}
