package dev.foxbox.image.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.image.model.Digest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@link ContentStore} contract; every implementation's test extends this. */
abstract class ContentStoreContract {

    abstract ContentStore store() throws Exception;

    /** Damages a stored blob behind the store's back, as a disk error or a meddler would. */
    abstract void corrupt(Digest digest) throws Exception;

    private static final byte[] HELLO = "hello, box".getBytes(StandardCharsets.UTF_8);

    @Test
    void putThenReadGivesTheSameBytes() throws Exception {
        ContentStore s = store();
        Digest d = s.put(HELLO);
        assertEquals(Digest.sha256(HELLO), d);
        assertArrayEquals(HELLO, s.read(d, 1024));
        try (InputStream in = s.open(d)) {
            assertArrayEquals(HELLO, in.readAllBytes());
        }
        assertEquals(Optional.of((long) HELLO.length), s.stat(d));
        assertTrue(s.list().contains(d));
    }

    @Test
    void putIsIdempotent() throws Exception {
        ContentStore s = store();
        Digest a = s.put(HELLO);
        Digest b = s.put(new ByteArrayInputStream(HELLO), a);
        assertEquals(a, b);
        assertEquals(1, s.list().stream().filter(a::equals).count());
    }

    @Test
    void mismatchingContentIsNeverVisible() throws Exception {
        ContentStore s = store();
        Digest claimed = Digest.sha256("something else");
        DigestMismatchException e = assertThrows(DigestMismatchException.class,
                () -> s.put(new ByteArrayInputStream(HELLO), claimed));
        assertEquals(claimed, e.expected());
        assertFalse(s.contains(claimed));
        assertFalse(s.contains(Digest.sha256(HELLO)));
        assertTrue(s.list().isEmpty());
    }

    @Test
    void abandonedWriterLeavesNothing() throws Exception {
        ContentStore s = store();
        try (BlobWriter w = s.newWriter()) {
            w.write(HELLO);
        }
        assertTrue(s.list().isEmpty());
    }

    @Test
    void readsVerifyTheDigest() throws Exception {
        ContentStore s = store();
        Digest d = s.put(HELLO);
        corrupt(d);
        assertThrows(DigestMismatchException.class, () -> s.read(d, 1024));
        try (InputStream in = s.open(d)) {
            assertThrows(DigestMismatchException.class, in::readAllBytes);
        }
    }

    @Test
    void missingBlobsAreReportedNotThrownOnStatOrDelete() throws Exception {
        ContentStore s = store();
        Digest absent = Digest.sha256("absent");
        assertEquals(Optional.empty(), s.stat(absent));
        assertFalse(s.delete(absent));
        assertThrows(BlobNotFoundException.class, () -> s.open(absent));
    }

    @Test
    void deleteRemoves() throws Exception {
        ContentStore s = store();
        Digest d = s.put(HELLO);
        assertTrue(s.delete(d));
        assertFalse(s.contains(d));
    }

    @Test
    void sha512IsSupported() throws Exception {
        ContentStore s = store();
        Digest expected = Digest.of(Digest.Algorithm.SHA512, Digest.Algorithm.SHA512.newHasher().digest(HELLO));
        assertEquals(expected, s.put(new ByteArrayInputStream(HELLO), expected));
        assertArrayEquals(HELLO, s.read(expected, 100));
    }

    @Test
    void readRefusesBlobsOverTheLimit() throws Exception {
        ContentStore s = store();
        Digest d = s.put(HELLO);
        assertThrows(java.io.IOException.class, () -> s.read(d, 3));
    }
}
