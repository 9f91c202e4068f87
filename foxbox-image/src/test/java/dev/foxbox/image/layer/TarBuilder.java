package dev.foxbox.image.layer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Builds layer tars in memory with commons-compress, an implementation independent of the
 * code under test. Names are written as given: absolute and {@code ..} names included.
 */
final class TarBuilder {

    static final Instant MTIME = Instant.parse("2020-01-02T03:04:05Z");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar;

    TarBuilder() {
        tar = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    /** An entry whose name is kept exactly, leading slash included. */
    static TarArchiveEntry entry(String name, byte type, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setMode(mode);
        e.setModTime(Date.from(MTIME));
        e.setUserName("");
        e.setGroupName("");
        return e;
    }

    TarBuilder dir(String name) {
        return dir(name, 0755);
    }

    TarBuilder dir(String name, int mode) {
        return add(entry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, mode), null);
    }

    TarBuilder file(String name, String content) {
        return file(name, content, 0644);
    }

    TarBuilder file(String name, String content, int mode) {
        return add(entry(name, TarConstants.LF_NORMAL, mode), content.getBytes(StandardCharsets.UTF_8));
    }

    TarBuilder file(String name, String content, int mode, Map<String, String> paxHeaders) {
        TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL, mode);
        paxHeaders.forEach(e::addPaxHeader);
        return add(e, content.getBytes(StandardCharsets.UTF_8));
    }

    TarBuilder symlink(String name, String target) {
        TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK, 0777);
        e.setLinkName(target);
        return add(e, null);
    }

    TarBuilder hardlink(String name, String target) {
        TarArchiveEntry e = entry(name, TarConstants.LF_LINK, 0644);
        e.setLinkName(target);
        return add(e, null);
    }

    TarBuilder fifo(String name) {
        return add(entry(name, TarConstants.LF_FIFO, 0640), null);
    }

    TarBuilder charDevice(String name, int major, int minor) {
        TarArchiveEntry e = entry(name, TarConstants.LF_CHR, 0666);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        return add(e, null);
    }

    TarBuilder add(TarArchiveEntry entry, byte[] content) {
        try {
            if (content != null) {
                entry.setSize(content.length);
            }
            tar.putArchiveEntry(entry);
            if (content != null) {
                tar.write(content);
            }
            tar.closeArchiveEntry();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] build() {
        try {
            tar.finish();
            tar.close();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** Recomputes the checksum of the header record at {@code offset}, after a test edited it. */
    static void fixChecksum(byte[] tar, int offset) {
        java.util.Arrays.fill(tar, offset + 148, offset + 156, (byte) ' ');
        long sum = 0;
        for (int i = offset; i < offset + 512; i++) {
            sum += tar[i] & 0xff;
        }
        byte[] checksum = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(checksum, 0, tar, offset + 148, 6);
        tar[offset + 154] = 0;
    }

    /** True when the record at {@code offset} is a ustar header. */
    static boolean isHeader(byte[] tar, int offset) {
        return new String(tar, offset + 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    }
}
