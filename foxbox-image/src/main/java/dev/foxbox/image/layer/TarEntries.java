package dev.foxbox.image.layer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveStructSparse;

/**
 * The entries of a layer tar, read with commons-compress, in bounded memory.
 *
 * <p>commons-compress 1.28.0 reads a GNU long name ({@code getLongNameData}) into a growing
 * buffer with no limit, reads a PAX value of whatever length the record declares (up to the
 * declared size of the header entry, which the archive chooses), and accumulates global PAX
 * headers and GNU sparse maps across entries. So every header read is capped at
 * {@value #MAX_HEADER_BYTES} bytes of input, and an entry carrying more than that in PAX
 * records, or more than {@value #MAX_SPARSE_CHUNKS} sparse chunks, is refused.
 */
final class TarEntries {

    static final int MAX_HEADER_BYTES = 1 << 20;
    static final int MAX_SPARSE_CHUNKS = 1 << 16;
    private static final int RECORD = 512;

    private final MeteredInputStream meter;
    private final TarArchiveInputStream tar;
    private final String layer;
    private final byte[] skipBuffer = new byte[8192];
    private TarArchiveEntry current;

    TarEntries(InputStream plainTar, String layer) {
        this.meter = new MeteredInputStream(plainTar);
        this.tar = new TarArchiveInputStream(meter, StandardCharsets.UTF_8.name());
        this.layer = layer;
    }

    /** The next entry, or null at the end of the archive. */
    TarArchiveEntry next() throws IOException {
        if (current != null) {
            // The rest of an entry's data can be any size: skip it outside the header limit.
            EntryRef ref = new EntryRef(layer, current.getName());
            copyData(ref, OutputStream.nullOutputStream(), skipBuffer);
        }
        EntryRef after = new EntryRef(layer, current == null ? null : current.getName());
        String where = current == null ? "at the start of the archive" : "after this entry";
        meter.limit(MAX_HEADER_BYTES, () -> after.unsafe(
                "tar headers " + where + " exceed " + MAX_HEADER_BYTES + " bytes (PAX records or GNU long names)"));
        try {
            current = tar.getNextEntry();
        } catch (IOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof InvalidLayerException) {
                    throw (InvalidLayerException) t; // our own header limit, perhaps wrapped
                }
            }
            throw after.invalid("cannot read the next tar header " + where + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // commons-compress has thrown unchecked exceptions on some malformed headers
            throw after.invalid("corrupt tar header " + where + ": " + e, e);
        } finally {
            meter.unlimit();
        }
        if (current == null) {
            if (meter.count() % RECORD != 0) {
                throw after.invalid("archive is truncated inside a tar header");
            }
            return null;
        }
        checkBounds(current);
        return current;
    }

    /**
     * Copies the current entry's data to {@code out} with the caller's fixed buffer and returns
     * the number of bytes; a short archive is reported as truncated, naming the entry.
     */
    long copyData(EntryRef ref, OutputStream out, byte[] buffer) throws IOException {
        long copied = 0;
        while (true) {
            int n;
            try {
                n = tar.read(buffer, 0, buffer.length);
            } catch (IOException e) {
                if (e instanceof EOFException || String.valueOf(e.getMessage()).contains("Truncated")) {
                    throw ref.invalid("archive is truncated: the entry declares " + current.getRealSize()
                            + " bytes, only " + copied + " are present", e);
                }
                throw ref.invalid("cannot read the entry's data: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw ref.invalid("corrupt entry data (sparse map?): " + e, e);
            }
            if (n < 0) {
                return copied;
            }
            out.write(buffer, 0, n);
            copied += n;
        }
    }

    private void checkBounds(TarArchiveEntry entry) throws UnsafeLayerException {
        EntryRef ref = new EntryRef(layer, entry.getName());
        long paxBytes = 0;
        for (Map.Entry<String, String> e : entry.getExtraPaxHeaders().entrySet()) {
            paxBytes += e.getKey().length() + e.getValue().length();
        }
        if (paxBytes > MAX_HEADER_BYTES) {
            throw ref.unsafe("PAX records exceed " + MAX_HEADER_BYTES + " bytes");
        }
        List<TarArchiveStructSparse> sparse = entry.getSparseHeaders();
        if (sparse != null && sparse.size() > MAX_SPARSE_CHUNKS) {
            throw ref.unsafe("sparse map has more than " + MAX_SPARSE_CHUNKS + " chunks");
        }
    }
}
