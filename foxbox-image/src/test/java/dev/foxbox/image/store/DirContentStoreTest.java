package dev.foxbox.image.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.image.model.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirContentStoreTest extends ContentStoreContract {

    @TempDir
    Path dir;

    DirContentStore store;

    @Override
    ContentStore store() {
        store = new DirContentStore(dir.resolve("layout"), dir.resolve("tmp"));
        return store;
    }

    @Override
    void corrupt(Digest digest) throws Exception {
        Files.writeString(store.path(digest), "tampered");
    }

    @Test
    void blobsLiveWhereTheOciLayoutSays() throws Exception {
        DirContentStore s = (DirContentStore) store();
        Digest d = s.put(new byte[] {1, 2, 3});
        assertEquals(dir.resolve("layout/blobs/sha256/" + d.hex()), s.path(d));
        assertTrue(Files.isRegularFile(s.path(d)));
    }

    @Test
    void temporaryFilesStayOutOfTheLayout() throws Exception {
        DirContentStore s = (DirContentStore) store();
        try (BlobWriter w = s.newWriter()) {
            w.write(new byte[100]);
            try (var files = Files.list(dir.resolve("tmp"))) {
                assertEquals(1, files.count());
            }
            assertTrue(s.list().isEmpty());
        }
        try (var files = Files.list(dir.resolve("tmp"))) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void blobsLargerThanTheWriteBehindChunkAreWrittenWhole() throws Exception {
        DirContentStore s = (DirContentStore) store();
        byte[] piece = new byte[256 * 1024];
        java.security.MessageDigest expected = java.security.MessageDigest.getInstance("SHA-256");
        int pieces = (int) (2.5 * WriteBehind.CHUNK / piece.length);
        Digest d;
        try (BlobWriter w = s.newWriter()) {
            for (int i = 0; i < pieces; i++) {
                java.util.Arrays.fill(piece, (byte) i);
                w.write(piece);
                expected.update(piece);
            }
            d = w.commit(null);
        }
        assertEquals(Digest.of(Digest.Algorithm.SHA256, expected.digest()), d);
        assertEquals((long) pieces * piece.length, Files.size(s.path(d)));
        try (var files = Files.list(dir.resolve("tmp"))) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void anAbandonedLargeBlobLeavesNothing() throws Exception {
        DirContentStore s = (DirContentStore) store();
        try (BlobWriter w = s.newWriter()) {
            byte[] piece = new byte[1024 * 1024];
            for (long written = 0; written < 2 * WriteBehind.CHUNK; written += piece.length) {
                w.write(piece);
            }
        }
        try (var files = Files.list(dir.resolve("tmp"))) {
            assertEquals(0, files.count());
        }
        assertTrue(s.list().isEmpty());
    }

    @Test
    void strangeFilesInBlobsDirAreNotListed() throws Exception {
        DirContentStore s = (DirContentStore) store();
        Files.createDirectories(dir.resolve("layout/blobs/sha256"));
        Files.writeString(dir.resolve("layout/blobs/sha256/oci-put-blob123"), "x");
        assertTrue(s.list().isEmpty());
    }
}
