package dev.foxbox.image.layer;

import java.io.InputStream;
import java.time.Instant;
import java.util.Date;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A plain tar holding one regular file of {@code size} zero bytes, produced on the fly: a
 * layer of any size in constant memory.
 */
final class SyntheticTar extends InputStream {

    private final byte[] header = new byte[512];
    private final long length;
    private long position;

    SyntheticTar(String name, long size) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL, false);
        entry.setSize(size);
        entry.setMode(0644);
        entry.setModTime(Date.from(Instant.parse("2020-01-01T00:00:00Z")));
        entry.setUserName("");
        entry.setGroupName("");
        entry.writeEntryHeader(header);
        long padded = (size + 511) / 512 * 512;
        length = 512 + padded + 1024; // header, data, two end records
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - position);
        for (int i = 0; i < n; i++) {
            long p = position + i;
            b[off + i] = p < 512 ? header[(int) p] : 0;
        }
        position += n;
        return n;
    }
}
