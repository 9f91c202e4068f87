package dev.foxbox.image.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed and oversized archives: refused with a clear message, in bounded memory. */
class HeaderLimitsTest {

    @TempDir
    Path tmp;
    LayerUnpacker unpacker;

    @BeforeEach
    void setUp() throws IOException {
        unpacker = new LayerUnpacker(Files.createDirectory(tmp.resolve("root")), UnpackOptions.defaults());
    }

    private IOException refusal(byte[] layer) {
        return assertThrows(IOException.class, () -> unpacker.apply(new ByteArrayInputStream(layer), "sha256:bad"));
    }

    @Test
    void oversizedPaxRecordIsRefused() {
        String huge = "a".repeat(2 << 20);
        byte[] layer = new TarBuilder().file("ok", "x").file("f", "x", 0644, Map.of("comment", huge)).build();
        IOException e = refusal(layer);
        assertInstanceOf(UnsafeLayerException.class, e);
        assertTrue(e.getMessage().startsWith("layer sha256:bad: entry \"ok\": tar headers after this entry exceed"),
                e.getMessage());
    }

    @Test
    void oversizedGnuLongNameIsRefused() throws IOException {
        // Written by hand as a GNU long-name entry: commons-compress takes quadratic time to
        // write a name this long itself.
        byte[] name = "d/".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry longName = TarBuilder.entry("././@LongLink", TarConstants.LF_GNUTYPE_LONGNAME, 0644);
            longName.setSize(name.length);
            tar.putArchiveEntry(longName);
            tar.write(name);
            tar.closeArchiveEntry();
            tar.putArchiveEntry(TarBuilder.entry("short", TarConstants.LF_NORMAL, 0644));
            tar.closeArchiveEntry();
        }
        IOException e = refusal(bytes.toByteArray());
        assertInstanceOf(UnsafeLayerException.class, e);
        assertTrue(e.getMessage().contains("at the start of the archive exceed 1048576 bytes"), e.getMessage());
    }

    @Test
    void hugeDeclaredSizeWithTruncatedDataNamesTheEntry() {
        byte[] tar = new TarBuilder().file("small", "0123456789").build();
        byte[] truncated = Arrays.copyOf(tar, 1024); // header and the one data record, no end
        setOctalSize(truncated, 0, 077777777777L); // declare 8 GiB
        IOException e = refusal(truncated);
        assertInstanceOf(InvalidLayerException.class, e);
        assertFalse(e instanceof UnsafeLayerException);
        assertTrue(e.getMessage().startsWith("layer sha256:bad: entry \"small\": archive is truncated"), e.getMessage());
    }

    @Test
    void truncationInsideAHeaderIsReported() {
        byte[] tar = new TarBuilder().file("a", "1").file("b", "2").build();
        IOException e = refusal(Arrays.copyOf(tar, 1024 + 300));
        assertInstanceOf(InvalidLayerException.class, e);
        assertTrue(e.getMessage().contains("truncated inside a tar header"), e.getMessage());
    }

    @Test
    void corruptGzipIsReportedWithTheLayer() throws IOException {
        byte[] gz = TarBuilder.gzip(new TarBuilder().file("a", "1".repeat(10000)).build());
        IOException e = refusal(Arrays.copyOf(gz, gz.length / 2));
        assertTrue(e.getMessage().startsWith("layer sha256:bad: "), e.getMessage());
    }

    @Test
    void unsupportedCompressionIsNamed() {
        IOException e = refusal("BZh91AY&SY".getBytes(StandardCharsets.US_ASCII));
        assertEquals("layer sha256:bad: the layer is bzip2-compressed; foxbox reads gzip, zstd and plain tar layers",
                e.getMessage());
    }

    /** Rewrites the size field of the header at {@code offset} and its checksum. */
    static void setOctalSize(byte[] tar, int offset, long size) {
        byte[] field = String.format("%011o", size).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(field, 0, tar, offset + 124, 11);
        TarBuilder.fixChecksum(tar, offset);
    }
}
