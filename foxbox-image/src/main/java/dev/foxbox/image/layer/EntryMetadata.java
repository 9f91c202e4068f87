package dev.foxbox.image.layer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Applies what a tar header says about ownership, extended attributes and times to the node
 * just created for it. None of these calls follows a symlink. Order matters and is the
 * caller's: ownership before mode (chown clears setuid), xattrs before mode, times last.
 */
final class EntryMetadata {

    static final String XATTR_PREFIX = "SCHILY.xattr.";

    private final boolean applyOwnership;
    private int userXattrsRefused;
    private int undecodableXattrs;

    EntryMetadata(boolean applyOwnership) {
        this.applyOwnership = applyOwnership;
    }

    void owner(Path path, TarArchiveEntry entry, EntryRef ref) throws IOException {
        if (applyOwnership) {
            Syscalls.lchown(path, id(entry.getLongUserId(), "uid", ref), id(entry.getLongGroupId(), "gid", ref));
        }
    }

    /**
     * Sets the {@code SCHILY.xattr.*} records. {@code user.*} is expected to work, so refusals
     * are counted into a note; {@code security.*}, {@code trusted.*} and the rest need
     * privileges or kernel support we may lack, so "not permitted" and "not supported" are
     * silently skipped there.
     */
    void xattrs(Path path, TarArchiveEntry entry) throws IOException {
        for (Map.Entry<String, String> header : entry.getExtraPaxHeaders().entrySet()) {
            if (!header.getKey().startsWith(XATTR_PREFIX)) {
                continue;
            }
            String name = header.getKey().substring(XATTR_PREFIX.length());
            // commons-compress decodes PAX values as UTF-8; a binary value that is not valid
            // UTF-8 comes back with replacement characters and cannot be restored.
            if (header.getValue().indexOf('\uFFFD') >= 0) {
                undecodableXattrs++;
                continue;
            }
            try {
                Syscalls.lsetxattr(path, name, header.getValue().getBytes(StandardCharsets.UTF_8));
            } catch (ErrnoException e) {
                if (!e.isNotPermittedOrSupported()) {
                    throw e;
                }
                if (name.startsWith("user.")) {
                    userXattrsRefused++;
                }
            }
        }
    }

    static void times(Path path, TarArchiveEntry entry) throws IOException {
        Syscalls.lutimes(path, atime(entry), mtime(entry));
    }

    static Instant mtime(TarArchiveEntry entry) {
        FileTime t = entry.getLastModifiedTime();
        return t == null ? Instant.EPOCH : t.toInstant();
    }

    /** The header's atime when it has one (PAX, GNU), else its mtime, so that unpacking is repeatable. */
    static Instant atime(TarArchiveEntry entry) {
        FileTime t = entry.getLastAccessTime();
        return t == null ? mtime(entry) : t.toInstant();
    }

    List<String> notes(String layer) {
        List<String> notes = new ArrayList<>();
        if (userXattrsRefused > 0) {
            notes.add("layer " + layer + ": could not set " + userXattrsRefused
                    + " user.* extended attributes (not supported or not permitted here)");
        }
        if (undecodableXattrs > 0) {
            notes.add("layer " + layer + ": skipped " + undecodableXattrs
                    + " extended attributes whose binary values could not be decoded");
        }
        return notes;
    }

    private static int id(long id, String what, EntryRef ref) throws InvalidLayerException {
        if (id < 0 || id > 0xFFFF_FFFEL) {
            throw ref.invalid(what + " " + id + " is out of range");
        }
        return (int) id;
    }
}
