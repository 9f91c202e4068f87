package dev.foxbox.image.layer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a POSIX (pax) tar whose bytes depend only on the headers and data given.
 *
 * <p>foxbox writes its own headers rather than using commons-compress's
 * TarArchiveOutputStream because that one puts the current user's name into the PAX headers it
 * generates, orders PAX records by hash map, and can only write xattr values that are valid
 * UTF-8: three ways for the same tree to give different layer digests.
 *
 * <p>Format: a ustar header per entry; a PAX header before it only when needed (a name or link
 * over 100 bytes or not ASCII, a number too big for its octal field, xattrs), its records
 * sorted by key; the archive ends with two zero records, as Go's archive/tar writes it.
 */
final class TarOutput {

    private static final int RECORD = 512;
    private static final long MAX_OCTAL_11 = 077777777777L;
    private static final long MAX_OCTAL_7 = 07777777L;

    private final OutputStream out;
    private final byte[] buffer = new byte[64 * 1024];

    TarOutput(OutputStream out) {
        this.out = out;
    }

    /** Writes one entry; {@code content} must hold at least {@code header.size()} bytes. */
    void write(TarHeader header, InputStream content) throws IOException {
        Map<String, byte[]> pax = paxRecords(header);
        if (!pax.isEmpty()) {
            byte[] data = encodePax(pax);
            writeHeader(new TarHeader(paxName(header.name()), TarHeader.PAX, 0644, 0, 0, data.length, 0, "", 0, 0, null));
            out.write(data);
            pad(data.length);
        }
        writeHeader(header);
        long left = header.size();
        while (left > 0) {
            int n = content.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException(header.name() + " shrank while it was being written to the layer");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
        pad(header.size());
    }

    /** Ends the archive. Does not close the underlying stream. */
    void finish() throws IOException {
        out.write(new byte[2 * RECORD]);
        out.flush();
    }

    private static Map<String, byte[]> paxRecords(TarHeader h) {
        Map<String, byte[]> pax = new TreeMap<>();
        if (!fitsUstar(h.name())) {
            pax.put("path", h.name().getBytes(StandardCharsets.UTF_8));
        }
        if (!fitsUstar(h.linkName())) {
            pax.put("linkpath", h.linkName().getBytes(StandardCharsets.UTF_8));
        }
        putIfTooBig(pax, "size", h.size(), MAX_OCTAL_11);
        putIfTooBig(pax, "mtime", h.mtime(), MAX_OCTAL_11);
        putIfTooBig(pax, "uid", h.uid(), MAX_OCTAL_7);
        putIfTooBig(pax, "gid", h.gid(), MAX_OCTAL_7);
        h.xattrs().forEach((name, value) -> pax.put(EntryMetadata.XATTR_PREFIX + name, value));
        return pax;
    }

    private static boolean fitsUstar(String s) {
        return s.length() <= 100 && s.chars().allMatch(c -> c > 0 && c < 0x80);
    }

    private static void putIfTooBig(Map<String, byte[]> pax, String key, long value, long max) {
        if (value < 0 || value > max) {
            pax.put(key, Long.toString(value).getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** PAX records: "LENGTH key=value\n", where LENGTH counts the whole record, itself included. */
    private static byte[] encodePax(Map<String, byte[]> records) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        records.forEach((key, value) -> {
            byte[] k = key.getBytes(StandardCharsets.UTF_8);
            int rest = 1 + k.length + 1 + value.length + 1;
            int length = rest + 1;
            while (length != rest + Integer.toString(length).length()) {
                length = rest + Integer.toString(length).length();
            }
            data.writeBytes((length + " ").getBytes(StandardCharsets.US_ASCII));
            data.writeBytes(k);
            data.write('=');
            data.writeBytes(value);
            data.write('\n');
        });
        return data.toByteArray();
    }

    /** The name of a PAX header entry; readers ignore it, so it only needs to be stable. */
    private static String paxName(String name) {
        return printable("PaxHeaders/" + name);
    }

    /** At most 100 printable ASCII characters standing in for a name. */
    private static String printable(String name) {
        StringBuilder ascii = new StringBuilder();
        name.chars().limit(100).forEach(c -> ascii.append(c >= 0x20 && c < 0x7f ? (char) c : '_'));
        return ascii.toString();
    }

    private void writeHeader(TarHeader h) throws IOException {
        byte[] r = new byte[RECORD];
        ascii(r, 0, 100, h.name());
        octal(r, 100, 8, h.mode());
        octal(r, 108, 8, fits(h.uid(), MAX_OCTAL_7));
        octal(r, 116, 8, fits(h.gid(), MAX_OCTAL_7));
        octal(r, 124, 12, fits(h.size(), MAX_OCTAL_11));
        octal(r, 136, 12, fits(h.mtime(), MAX_OCTAL_11));
        r[156] = h.type();
        ascii(r, 157, 100, h.linkName());
        System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, r, 257, 8);
        device(r, 329, h.devMajor());
        device(r, 337, h.devMinor());
        Arrays.fill(r, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : r) {
            sum += b & 0xff;
        }
        octal(r, 148, 7, sum); // six digits, a NUL, and the space already there
        r[154] = 0;
        out.write(r);
    }

    private static long fits(long value, long max) {
        return value < 0 || value > max ? 0 : value; // the real value is in a PAX record
    }

    /** A name field: the name when it fits, else a printable stand-in (the PAX record has the real one). */
    private static void ascii(byte[] r, int offset, int length, String s) {
        byte[] b = (fitsUstar(s) ? s : printable(s)).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, r, offset, Math.min(b.length, length));
    }

    /** length - 1 zero-padded octal digits and a NUL. */
    private static void octal(byte[] r, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        String padded = "0".repeat(length - 1 - digits.length()) + digits;
        System.arraycopy(padded.getBytes(StandardCharsets.US_ASCII), 0, r, offset, length - 1);
    }

    /** Device numbers have no PAX key: ones too big for octal use GNU base-256. */
    private static void device(byte[] r, int offset, int number) {
        long value = Integer.toUnsignedLong(number);
        if (value <= MAX_OCTAL_7) {
            octal(r, offset, 8, value);
            return;
        }
        r[offset] = (byte) 0x80;
        for (int i = 7; i >= 1; i--) {
            r[offset + i] = (byte) value;
            value >>>= 8;
        }
    }

    private void pad(long size) throws IOException {
        int rest = (int) (size % RECORD);
        if (rest != 0) {
            out.write(new byte[RECORD - rest]);
        }
    }
}
