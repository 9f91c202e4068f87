package dev.foxbox.image.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CompressionTest {

    private static final byte[] DATA = "some layer bytes ".repeat(1000).getBytes(StandardCharsets.UTF_8);

    @Test
    void detectsByMagicBytes() throws IOException {
        assertEquals(Compression.GZIP, Compression.detect(new byte[] {0x1f, (byte) 0x8b, 8, 0}));
        assertEquals(Compression.ZSTD, Compression.detect(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}));
        assertEquals(Compression.ZSTD, Compression.detect(new byte[] {0x5a, 0x2a, 0x4d, 0x18}), "skippable frame");
        assertEquals(Compression.NONE, Compression.detect("etc/passwd".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Compression.NONE, Compression.detect(new byte[0]));
        assertThrows(IOException.class, () -> Compression.detect(new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0}));
    }

    @Test
    void roundTripsEveryKind() throws IOException {
        for (Compression c : Compression.values()) {
            assertArrayEquals(DATA, Compression.decompress(new ByteArrayInputStream(compress(c, DATA))).readAllBytes(),
                    c.toString());
        }
    }

    @Test
    void gzipOutputIsRepeatableAndHasNoTimestamp() throws IOException {
        byte[] a = compress(Compression.GZIP, DATA);
        assertArrayEquals(a, compress(Compression.GZIP, DATA));
        assertArrayEquals(new byte[4], Arrays.copyOfRange(a, 4, 8), "gzip MTIME is zero");
    }

    /** JDK-7036144: GZIPInputStream stops after the first member when available() is 0. */
    @Test
    void multiMemberGzipIsReadToTheEndFromATricklingStream() throws IOException {
        byte[] first = compress(Compression.GZIP, Arrays.copyOfRange(DATA, 0, 7000));
        byte[] second = compress(Compression.GZIP, Arrays.copyOfRange(DATA, 7000, DATA.length));
        byte[] both = concat(first, second);
        assertArrayEquals(DATA, Compression.decompress(new Trickle(both)).readAllBytes());
    }

    @Test
    void multiFrameZstdIsReadToTheEnd() throws IOException {
        byte[] first = zstdFrame(Arrays.copyOfRange(DATA, 0, 7000));
        byte[] second = zstdFrame(Arrays.copyOfRange(DATA, 7000, DATA.length));
        assertArrayEquals(DATA, Compression.decompress(new Trickle(concat(first, second))).readAllBytes());
    }

    private static byte[] compress(Compression c, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = c.compressing(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] zstdFrame(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new ZstdOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Hands out a few bytes per read and never claims anything is available, like a slow socket. */
    private static final class Trickle extends InputStream {
        private final ByteArrayInputStream in;

        Trickle(byte[] data) {
            in = new ByteArrayInputStream(data);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, Math.min(len, 7));
        }

        @Override
        public int available() {
            return 0;
        }
    }
}
