package dev.foxbox.image.layer;

import dev.foxbox.image.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes a layer tar from a {@link ChangeSet}, reproducibly: the same changes over the same
 * tree give the same bytes, whoever writes them and whenever.
 *
 * <p>What makes it so: entries in byte order of their paths (parents first); PAX only where
 * ustar cannot hold a value; no user or group names, no atime or ctime, mtimes in whole
 * seconds and clamped to {@link WriteOptions#sourceDateEpoch()}; numeric ids as on disk or
 * forced by {@link WriteOptions#owner()}; xattrs sorted. Whiteout markers are empty files, mode
 * 0644, owned by 0:0, dated 1970.
 *
 * <p>Nodes with several links inside the change set, found by (device, inode), are written in
 * full once, at the first path, and as hardlinks to it after. Sockets are left out: tar cannot
 * hold them. Left out of the xattrs: overlayfs' own ({@code trusted.overlay.*},
 * {@code user.overlay.*}, which describe the upper directory, not the file) and
 * {@code security.selinux} (a label of this host's policy).
 */
public final class LayerWriter {

    private final WriteOptions options;

    public LayerWriter(WriteOptions options) {
        this.options = options;
    }

    /** Writes the uncompressed tar to {@code out}, which is flushed but not closed. */
    public void write(ChangeSet changes, OutputStream out) throws IOException {
        TarOutput tar = new TarOutput(out);
        Map<NodeKey, String> firstLinks = new HashMap<>();
        for (Change change : changes.changes()) {
            if (change instanceof Change.Added added) {
                writeNode(tar, changes.source(), added.path(), firstLinks);
            } else {
                tar.write(TarHeader.emptyFile(change.entryName(), 0644, 0), InputStream.nullInputStream());
            }
        }
        tar.finish();
    }

    /**
     * Writes the layer compressed into {@code out} (flushed, not closed) and returns its
     * diff_id, digest and size, computed on the way.
     */
    public WrittenLayer write(ChangeSet changes, Compression compression, OutputStream out) throws IOException {
        HashingOutputStream blob = new HashingOutputStream(out, Digest.Algorithm.SHA256.newHasher());
        HashingOutputStream tar;
        try (OutputStream compressor = compression.compressing(blob)) {
            tar = new HashingOutputStream(compressor, Digest.Algorithm.SHA256.newHasher());
            write(changes, tar);
        }
        return new WrittenLayer(Digest.of(Digest.Algorithm.SHA256, tar.digest().digest()),
                Digest.of(Digest.Algorithm.SHA256, blob.digest().digest()), blob.count(), compression.layerMediaType());
    }

    private record NodeKey(long dev, long ino) {}

    private void writeNode(TarOutput tar, Path source, String name, Map<NodeKey, String> firstLinks)
            throws IOException {
        Path file = source.resolve(name);
        Stat stat = Stat.of(file);
        if (stat.type() == Stat.S_IFSOCK) {
            return;
        }
        if (!stat.isDirectory() && stat.nlink() > 1) {
            String first = firstLinks.putIfAbsent(new NodeKey(stat.dev(), stat.ino()), name);
            if (first != null) {
                tar.write(header(name, TarHeader.HARDLINK, stat, 0, first, xattrs(file)), InputStream.nullInputStream());
                return;
            }
        }
        SortedMap<String, byte[]> xattrs = xattrs(file);
        switch (stat.type()) {
            case Stat.S_IFREG -> {
                try (InputStream content = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                    tar.write(header(name, TarHeader.REGULAR, stat, stat.size(), "", xattrs), content);
                }
            }
            case Stat.S_IFDIR -> tar.write(header(name + "/", TarHeader.DIRECTORY, stat, 0, "", xattrs),
                    InputStream.nullInputStream());
            case Stat.S_IFLNK -> tar.write(header(name, TarHeader.SYMLINK, stat, 0, Syscalls.readlink(file), xattrs),
                    InputStream.nullInputStream());
            case Stat.S_IFCHR, Stat.S_IFBLK, Stat.S_IFIFO -> tar.write(header(name, type(stat), stat, 0, "", xattrs),
                    InputStream.nullInputStream());
            default -> throw new IOException(file + " has an unknown file type " + Integer.toOctalString(stat.type()));
        }
    }

    private static byte type(Stat stat) {
        return switch (stat.type()) {
            case Stat.S_IFCHR -> TarHeader.CHAR_DEVICE;
            case Stat.S_IFBLK -> TarHeader.BLOCK_DEVICE;
            default -> TarHeader.FIFO;
        };
    }

    private TarHeader header(String name, byte type, Stat stat, long size, String linkName,
            SortedMap<String, byte[]> xattrs) {
        long mtime = stat.mtime().getEpochSecond();
        if (options.sourceDateEpoch().isPresent()) {
            mtime = Math.min(mtime, options.sourceDateEpoch().get().getEpochSecond());
        }
        long uid = options.owner().map(o -> (long) o.uid()).orElse(Integer.toUnsignedLong(stat.uid()));
        long gid = options.owner().map(o -> (long) o.gid()).orElse(Integer.toUnsignedLong(stat.gid()));
        boolean device = type == TarHeader.CHAR_DEVICE || type == TarHeader.BLOCK_DEVICE;
        return new TarHeader(name, type, stat.permissions(), uid, gid, size, mtime, linkName,
                device ? Syscalls.major(stat.rdev()) : 0, device ? Syscalls.minor(stat.rdev()) : 0, xattrs);
    }

    private static SortedMap<String, byte[]> xattrs(Path file) throws IOException {
        SortedMap<String, byte[]> xattrs = Xattrs.read(file);
        xattrs.keySet().removeIf(name -> name.startsWith("trusted.overlay.") || name.startsWith("user.overlay.")
                || name.equals("security.selinux"));
        return xattrs;
    }
}
