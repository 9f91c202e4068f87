package dev.foxbox.image.layer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Directory metadata that must wait for the end of a layer.
 *
 * <p>Times: creating a child bumps its directory's mtime, so a directory entry's times are set
 * only after everything below it is written. Modes: a directory the layer makes read-only
 * (0555) or unreachable (0000) must still receive its children, and an unprivileged user has no
 * capability to bypass permissions. Like umoci in rootless mode, every directory this layer
 * writes into is made owner-rwx while the layer is applied and gets its real mode back at the
 * end. Memory is one small record per directory the layer touches.
 */
final class DirectoryFixups {

    private record Fixup(int mode, Instant atime, Instant mtime) {}

    private final Path root;
    private final TreeMap<InRootPath, Fixup> pending = new TreeMap<>();

    DirectoryFixups(Path root) {
        this.root = root;
    }

    /**
     * Lets us search and write an existing directory for the rest of the layer; its mode is
     * restored at the end unless a directory entry of the layer sets a new one.
     */
    void ensureAccessible(InRootPath dir, Stat stat) throws IOException {
        int mode = stat.permissions();
        if ((mode & 0700) == 0700) {
            return;
        }
        try {
            Syscalls.chmod(dir.under(root), mode | 0700);
        } catch (ErrnoException e) {
            if (e.errno() == ErrnoException.EPERM) {
                return; // not ours: whatever we do next fails with a clear "permission denied"
            }
            throw e;
        }
        pending.putIfAbsent(dir, new Fixup(mode, null, null));
    }

    /** A directory entry of the layer: writable for now, its own mode and times at the end. */
    void directoryEntry(InRootPath dir, int mode, Instant atime, Instant mtime) throws IOException {
        Syscalls.chmod(dir.under(root), mode | 0700);
        pending.put(dir, new Fixup(mode, atime, mtime));
    }

    /** Applies what was deferred, children before their parents so that a 0000 parent comes last. */
    void finish() throws IOException {
        for (Map.Entry<InRootPath, Fixup> e : pending.descendingMap().entrySet()) {
            InRootPath dir = e.getKey();
            // A later entry may have replaced the directory, or one of its parents, with a
            // symlink: check again so that nothing is followed out of the root.
            if (!RootResolver.isRealDirectory(root, dir)) {
                continue;
            }
            Path path = dir.under(root);
            Fixup f = e.getValue();
            if (f.mtime() != null) {
                Syscalls.lutimes(path, f.atime(), f.mtime());
            }
            Syscalls.chmod(path, f.mode());
        }
        pending.clear();
    }
}
