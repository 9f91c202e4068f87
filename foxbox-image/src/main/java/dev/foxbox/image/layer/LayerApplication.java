package dev.foxbox.image.layer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The application of one layer to a root: turns each tar entry into a node on disk, safely.
 *
 * <p>Per entry: the name is cleaned and refused if absolute or escaping; its parent is resolved
 * by {@link RootResolver}; whatever is at the final name is removed (a directory replaced by a
 * directory is kept) and never followed; the new node is created exclusively, then given its
 * owner, xattrs, mode and times in that order. Directory times and modes wait for
 * {@link #finish()}.
 *
 * <p>Memory: a fixed copy buffer, one record per directory touched, and the set of paths the
 * layer added (opaque whiteouts must keep them), as containerd keeps.
 */
final class LayerApplication {

    private final Path root;
    private final String layer;
    private final TarEntries tar;
    private final DirectoryFixups fixups;
    private final RootResolver resolver;
    private final Set<InRootPath> added = new HashSet<>();
    private final Whiteouts whiteouts;
    private final EntryMetadata metadata;
    private final byte[] buffer = new byte[64 * 1024];
    private long entries;
    private long bytesWritten;
    private int devicesSkipped;
    private int unsupportedSkipped;

    LayerApplication(Path root, String layer, TarEntries tar, boolean applyOwnership) {
        this.root = root;
        this.layer = layer;
        this.tar = tar;
        this.fixups = new DirectoryFixups(root);
        this.resolver = new RootResolver(root, fixups, added::add);
        this.whiteouts = new Whiteouts(root, resolver, fixups, added);
        this.metadata = new EntryMetadata(applyOwnership);
    }

    void apply(TarArchiveEntry entry) throws IOException {
        EntryRef ref = new EntryRef(layer, entry.getName());
        try {
            applyEntry(entry, ref);
        } catch (InvalidLayerException e) {
            throw e;
        } catch (IOException e) {
            throw ref.failed(e);
        } catch (InvalidPathException e) {
            // e.g. a non-ASCII name when the JVM's file name encoding (sun.jnu.encoding) is ASCII
            throw ref.invalid("name cannot be used on this host: " + e.getReason(), e);
        }
    }

    private void applyEntry(TarArchiveEntry entry, EntryRef ref) throws IOException {
        String name = entry.getName();
        if (name.indexOf('\0') >= 0) {
            throw ref.unsafe("name contains a NUL byte");
        }
        if (name.startsWith("/")) {
            throw ref.unsafe("absolute path (layer entries are relative to the root)");
        }
        InRootPath path = InRootPath.clean(name).orElseThrow(() -> ref.unsafe("path escapes the root"));
        if (Whiteouts.isWhiteout(path)) {
            whiteouts.apply(path, ref);
            entries++;
            return;
        }
        if (path.isRoot()) {
            if (!entry.isDirectory()) {
                throw ref.unsafe("entry would replace the root directory");
            }
            directoryMetadata(InRootPath.ROOT, entry, ref);
            entries++;
            return;
        }
        InRootPath target = resolver.resolveDirectory(path.parent(), true, ref).child(path.name());
        if (create(entry, target, ref)) {
            added.add(target);
            entries++;
        }
    }

    /** Creates the node for one entry; false when it was skipped. */
    private boolean create(TarArchiveEntry entry, InRootPath target, EntryRef ref) throws IOException {
        Path file = target.under(root);
        Stat existing = Stat.ofOrNull(file);
        if (entry.isDirectory()) {
            if (existing == null || !existing.isDirectory()) {
                remove(file, existing);
                Files.createDirectory(file);
            }
            directoryMetadata(target, entry, ref);
        } else if (entry.isSymbolicLink()) {
            remove(file, existing);
            Syscalls.symlink(entry.getLinkName(), file);
            finish(file, entry, ref, false);
        } else if (entry.isLink()) {
            hardlink(entry, target, existing, ref);
        } else if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            return device(entry, file, existing, ref);
        } else if (entry.isFIFO()) {
            remove(file, existing);
            Syscalls.mkfifo(file, 0600);
            finish(file, entry, ref, true);
        } else if (isRegularFile(entry)) {
            remove(file, existing);
            writeFile(file, ref);
            finish(file, entry, ref, true);
        } else {
            unsupportedSkipped++;
            return false;
        }
        return true;
    }

    private static boolean isRegularFile(TarArchiveEntry entry) {
        byte type = entry.getLinkFlag();
        return type == TarConstants.LF_NORMAL || type == TarConstants.LF_OLDNORM || type == TarConstants.LF_CONTIG
                || entry.isSparse();
    }

    private void writeFile(Path file, EntryRef ref) throws IOException {
        // CREATE_NEW is O_EXCL: it never follows a symlink, and the old node was removed.
        try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(file,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))))) {
            bytesWritten += tar.copyData(ref, out, buffer);
        }
    }

    private void hardlink(TarArchiveEntry entry, InRootPath target, Stat existing, EntryRef ref) throws IOException {
        String linkName = entry.getLinkName();
        String shown = EntryRef.quote(linkName);
        if (linkName.startsWith("/")) {
            throw ref.unsafe("hardlink target " + shown + " is an absolute path");
        }
        InRootPath logical = InRootPath.clean(linkName)
                .orElseThrow(() -> ref.unsafe("hardlink target " + shown + " escapes the root"));
        if (logical.isRoot()) {
            throw ref.unsafe("hardlink target is the root directory");
        }
        InRootPath dir = resolver.resolveDirectory(logical.parent(), false, ref.about("hardlink target " + shown));
        InRootPath source = dir == null ? null : dir.child(logical.name());
        Stat stat = source == null ? null : Stat.ofOrNull(source.under(root));
        if (stat == null) {
            throw ref.invalid("hardlink target " + shown + " does not exist");
        }
        if (stat.isDirectory()) {
            throw ref.invalid("hardlink target " + shown + " is a directory");
        }
        if (source.equals(target)) {
            return; // a link to itself: already there
        }
        Path file = target.under(root);
        remove(file, existing);
        // link(2) does not follow a symlink at the target: the link is to the symlink itself.
        Files.createLink(file, source.under(root));
    }

    private boolean device(TarArchiveEntry entry, Path file, Stat existing, EntryRef ref) throws IOException {
        remove(file, existing);
        int type = entry.isCharacterDevice() ? Stat.S_IFCHR : Stat.S_IFBLK;
        try {
            Syscalls.mknod(file, type | 0600, entry.getDevMajor(), entry.getDevMinor());
        } catch (ErrnoException e) {
            if (e.errno() == ErrnoException.EPERM) {
                devicesSkipped++;
                return false;
            }
            throw e;
        }
        finish(file, entry, ref, true);
        return true;
    }

    private void directoryMetadata(InRootPath dir, TarArchiveEntry entry, EntryRef ref) throws IOException {
        Path path = dir.under(root);
        metadata.owner(path, entry, ref);
        metadata.xattrs(path, entry);
        fixups.directoryEntry(dir, entry.getMode() & 07777, EntryMetadata.atime(entry), EntryMetadata.mtime(entry));
    }

    /** Owner, xattrs, mode (never on a symlink) and times of a node just created. */
    private void finish(Path file, TarArchiveEntry entry, EntryRef ref, boolean chmod) throws IOException {
        metadata.owner(file, entry, ref);
        metadata.xattrs(file, entry);
        if (chmod) {
            Syscalls.chmod(file, entry.getMode() & 07777);
        }
        EntryMetadata.times(file, entry);
    }

    /** Tar semantics: a later entry replaces an earlier node of the same name. */
    private static void remove(Path file, Stat existing) throws IOException {
        if (existing == null) {
            return;
        }
        if (existing.isDirectory()) {
            Trees.deleteRecursively(file);
        } else {
            Files.delete(file);
        }
    }

    /** Sets the deferred directory times and modes; returns the notes of this layer. */
    List<String> finish() throws IOException {
        fixups.finish();
        List<String> notes = new ArrayList<>();
        if (devicesSkipped > 0) {
            notes.add("layer " + layer + ": skipped " + devicesSkipped + " device nodes (mknod not permitted)");
        }
        if (unsupportedSkipped > 0) {
            notes.add("layer " + layer + ": skipped " + unsupportedSkipped + " entries of unsupported tar types");
        }
        notes.addAll(metadata.notes(layer));
        return notes;
    }

    long entries() {
        return entries;
    }

    long bytesWritten() {
        return bytesWritten;
    }
}
