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
    void strangeFilesInBlobsDirAreNotListed() throws Exception {
        DirContentStore s = (DirContentStore) store();
        Files.createDirectories(dir.resolve("layout/blobs/sha256"));
        Files.writeString(dir.resolve("layout/blobs/sha256/oci-put-blob123"), "x");
        assertTrue(s.list().isEmpty());
    }
}
