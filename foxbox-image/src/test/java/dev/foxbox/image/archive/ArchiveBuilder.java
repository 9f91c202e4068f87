package dev.foxbox.image.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;

/** Builds archives in memory with commons-compress, names exactly as given, hostile ones included. */
final class ArchiveBuilder {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name());

    ArchiveBuilder() {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR);
    }

    ArchiveBuilder file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    ArchiveBuilder file(String name, byte[] content) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        e.setSize(content.length);
        return add(e, content);
    }

    ArchiveBuilder symlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        e.setLinkName(target);
        return add(e, null);
    }

    ArchiveBuilder device(String name) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_CHR, true);
        e.setDevMajor(1);
        e.setDevMinor(3);
        return add(e, null);
    }

    /** An archive of one file header that claims {@code size} bytes, with none after it: forged, or truncated. */
    static byte[] claiming(String name, long size) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        e.setSize(size);
        e.setModTime(0);
        byte[] header = new byte[512];
        e.writeEntryHeader(header, ZipEncodingHelper.getZipEncoding("UTF-8"), true);
        return header;
    }

    private ArchiveBuilder add(TarArchiveEntry e, byte[] content) {
        try {
            e.setModTime(0);
            e.setUserName("");
            e.setGroupName("");
            tar.putArchiveEntry(e);
            if (content != null) {
                tar.write(content);
            }
            tar.closeArchiveEntry();
            return this;
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    /** The archive, ended properly. */
    byte[] build() {
        try {
            tar.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What has been written so far, without the end: a truncated archive. */
    byte[] unfinished() {
        try {
            tar.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
