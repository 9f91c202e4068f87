package dev.foxbox.image.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Resolves directories inside an unpack root without ever letting the kernel follow a symlink.
 *
 * <p>Each component is lstat'ed from the root down. A directory is entered; a missing one is
 * created (0755) when asked to; a symlink is followed only when its target is relative and stays
 * inside the root at every step (as the kernel would resolve it, but with the root as a hard
 * floor), at most {@value #MAX_SYMLINKS} times; anything else is refused. The result names only
 * real directories, so handing its path to a system call cannot leave the root as long as
 * nothing else changes the tree meanwhile: the unpacker is the only writer of a root it unpacks
 * into, and it is single-threaded.
 */
final class RootResolver {

    /** Linux's own limit on symlinks in one lookup (MAXSYMLINKS). */
    static final int MAX_SYMLINKS = 40;

    private final Path root;
    private final DirectoryFixups fixups;
    private final Consumer<InRootPath> created;

    RootResolver(Path root, DirectoryFixups fixups, Consumer<InRootPath> created) {
        this.root = root;
        this.fixups = fixups;
        this.created = created;
    }

    /**
     * The real directory that {@code dir} names, made searchable and writable for us; null
     * when a component is missing and {@code create} is false.
     */
    InRootPath resolveDirectory(InRootPath dir, boolean create, EntryRef ref) throws IOException {
        fixups.ensureAccessible(InRootPath.ROOT, Stat.of(root));
        Deque<String> pending = new ArrayDeque<>(dir.components());
        List<String> real = new ArrayList<>();
        String via = null; // the last symlink followed, for messages
        int symlinks = 0;
        while (!pending.isEmpty()) {
            String c = pending.removeFirst();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (real.isEmpty()) {
                    throw ref.unsafe("parent " + via + ", which leaves the root");
                }
                real.remove(real.size() - 1);
                continue;
            }
            real.add(c);
            InRootPath current = new InRootPath(real);
            Path path = current.under(root);
            Stat stat = Stat.ofOrNull(path);
            if (stat == null) {
                if (!create) {
                    return null;
                }
                Files.createDirectory(path);
                Syscalls.chmod(path, 0755);
                created.accept(current);
            } else if (stat.isDirectory()) {
                fixups.ensureAccessible(current, stat);
            } else if (stat.isSymlink()) {
                String target = Syscalls.readlink(path);
                via = EntryRef.quote(current.toString()) + " is a symlink to " + EntryRef.quote(target);
                if (target.startsWith("/")) {
                    throw ref.unsafe("parent " + via + ", an absolute path (only relative symlinks inside the root are followed)");
                }
                if (++symlinks > MAX_SYMLINKS) {
                    throw ref.unsafe("parent " + EntryRef.quote(current.toString()) + ": more than " + MAX_SYMLINKS
                            + " levels of symbolic links");
                }
                real.remove(real.size() - 1);
                String[] parts = target.split("/", -1);
                for (int i = parts.length - 1; i >= 0; i--) {
                    pending.addFirst(parts[i]);
                }
            } else {
                throw ref.invalid("parent " + EntryRef.quote(current.toString()) + " is not a directory");
            }
        }
        return new InRootPath(real);
    }

    /** True when every component of {@code dir} is a directory on disk, none of them a symlink. */
    static boolean isRealDirectory(Path root, InRootPath dir) throws IOException {
        InRootPath current = InRootPath.ROOT;
        for (String c : dir.components()) {
            current = current.child(c);
            Stat stat = Stat.ofOrNull(current.under(root));
            if (stat == null || !stat.isDirectory()) {
                return false;
            }
        }
        return true;
    }
}
