package dev.foxbox.image.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.image.json.OciJson;
import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.ImageIndex;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.model.Platform;
import dev.foxbox.image.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {

    static final Platform AMD64 = Platform.parse("linux/amd64");

    @TempDir
    Path dir;

    ImageStore store;

    @BeforeEach
    void open() throws Exception {
        ImageLayout layout = new ImageLayout(dir.resolve("store"), dir.resolve("tmp"), dir.resolve("locks")).init();
        store = new ImageStore(layout, dir.resolve("locks"));
    }

    @Test
    void initWritesAValidOciLayout() throws Exception {
        assertEquals("{\"imageLayoutVersion\":\"1.0.0\"}", Files.readString(dir.resolve("store/oci-layout")));
        assertTrue(store.layout().index().manifests().isEmpty());
    }

    @Test
    void tagWritesTheFullNormalizedNameIntoIndexJson() throws Exception {
        Descriptor image = TestImages.image(store.blobs(), AMD64, Map.of("a", "1"));
        store.tag(image, ImageReference.parse("app"));
        String index = Files.readString(dir.resolve("store/index.json"));
        assertTrue(index.contains("\"org.opencontainers.image.ref.name\":\"docker.io/library/app:latest\""), index);
        StoredImage found = store.find("app", AMD64);
        assertEquals(image.digest(), found.manifestDigest());
        assertEquals("docker.io/library/app:latest", found.reference().toString());
    }

    @Test
    void retaggingReplacesTheOldEntry() throws Exception {
        Descriptor one = TestImages.image(store.blobs(), AMD64, Map.of("a", "1"));
        Descriptor two = TestImages.image(store.blobs(), AMD64, Map.of("a", "2"));
        store.tag(one, ImageReference.parse("app:1"));
        store.tag(two, ImageReference.parse("app:1"));
        assertEquals(1, store.layout().index().manifests().size());
        assertEquals(two.digest(), store.find("app:1", AMD64).manifestDigest());
    }

    @Test
    void namesWrittenByOtherToolsAreNormalizedWhenRead() throws Exception {
        Descriptor image = TestImages.image(store.blobs(), AMD64, Map.of("a", "1"));
        // skopeo copy … oci:store:alpine:3 writes the name as given.
        store.layout().updateIndex(i -> i.withManifests(List.of(image.withRefName("alpine:3"))));
        assertEquals(image.digest(), store.find("docker.io/library/alpine:3", AMD64).manifestDigest());
        assertEquals("docker.io/library/alpine:3", store.list(AMD64).images().get(0).reference().toString());
    }

    @Test
    void findsByIdPrefixAndByDigest() throws Exception {
        Descriptor image = TestImages.image(store.blobs(), AMD64, Map.of("a", "1"));
        store.tag(image, ImageReference.parse("localhost:5000/app:1"));
        StoredImage found = store.find("localhost:5000/app:1", AMD64);
        assertEquals(found.id(), store.find(found.id().hex().substring(0, 6), AMD64).id());
        assertEquals(found.id(), store.find(found.id().toString(), AMD64).id());
        assertEquals(found.id(), store.find("localhost:5000/app@" + image.digest(), AMD64).id());
        assertThrows(ImageNotFoundException.class, () -> store.find("localhost:5000/app:2", AMD64));
        assertThrows(ImageNotFoundException.class, () -> store.find("0000000", AMD64));
    }

    @Test
    void resolvesAnIndexToTheRequestedPlatform() throws Exception {
        Descriptor amd = TestImages.image(store.blobs(), AMD64, Map.of("arch", "amd64")).withPlatform(AMD64);
        Platform arm = Platform.parse("linux/arm64");
        Descriptor armImage = TestImages.image(store.blobs(), arm, Map.of("arch", "arm64")).withPlatform(arm);
        Descriptor index = TestImages.index(store.blobs(), List.of(amd, armImage));
        store.tag(index, ImageReference.parse("multi"));
        assertEquals(armImage.digest(), store.find("multi", arm).manifestDigest());
        assertEquals(amd.digest(), store.find("multi", AMD64).manifestDigest());
        assertEquals(index.digest(), store.find("multi", arm).repoDigest());
        ImageNotFoundException e = assertThrows(ImageNotFoundException.class,
                () -> store.find("multi", Platform.parse("linux/s390x")));
        assertTrue(e.getMessage().contains("linux/amd64") && e.getMessage().contains("linux/arm64"), e.getMessage());
    }

    @Test
    void untagRemovesOnlyThatName() throws Exception {
        Descriptor image = TestImages.image(store.blobs(), AMD64, Map.of("a", "1"));
        store.tag(image, ImageReference.parse("a:1"));
        store.tag(image, ImageReference.parse("b:1"));
        assertTrue(store.untag(ImageReference.parse("a:1")));
        assertFalse(store.untag(ImageReference.parse("a:1")));
        assertEquals(image.digest(), store.find("b:1", AMD64).manifestDigest());
    }

    @Test
    void updatesThatChangeNothingLeaveIndexJsonAlone() throws Exception {
        Descriptor image = TestImages.image(store.blobs(), AMD64, Map.of("a", "1"));
        store.tag(image, ImageReference.parse("a:1"));
        Path index = dir.resolve("store/index.json");
        Object written = Files.readAttributes(index, BasicFileAttributes.class).fileKey();
        store.tag(image, ImageReference.parse("a:1"));
        store.addUntagged(image);
        assertFalse(store.untag(ImageReference.parse("b:1")));
        assertEquals(written, Files.readAttributes(index, BasicFileAttributes.class).fileKey(), "index.json was replaced");
        store.tag(image, ImageReference.parse("b:1"));
        assertFalse(written.equals(Files.readAttributes(index, BasicFileAttributes.class).fileKey()), "index.json was kept");
    }

    @Test
    void unreadableEntriesAreReportedNotFatal() throws Exception {
        Descriptor image = TestImages.image(store.blobs(), AMD64, Map.of("a", "1"));
        store.tag(image, ImageReference.parse("good"));
        Descriptor missing = new Descriptor(image.mediaType(), dev.foxbox.image.model.Digest.sha256("gone"), 10)
                .withRefName("docker.io/library/broken:latest");
        store.layout().updateIndex(i -> {
            List<Descriptor> all = new java.util.ArrayList<>(i.manifests());
            all.add(missing);
            return i.withManifests(all);
        });
        ImageStore.Listing listing = store.list(AMD64);
        assertEquals(1, listing.images().size());
        assertEquals(1, listing.problems().size());
        assertTrue(listing.problems().get(0).contains("broken"), listing.problems().get(0));
    }

    @Test
    void tagRefusesContentThatIsNotInTheStore() {
        Descriptor ghost = new Descriptor(dev.foxbox.image.model.MediaType.OCI_MANIFEST,
                dev.foxbox.image.model.Digest.sha256("ghost"), 5);
        assertThrows(BlobNotFoundException.class, () -> store.tag(ghost, ImageReference.parse("ghost")));
    }

    @Test
    void garbageCollectionKeepsWhatTagsReachAndDeletesTheRest() throws Exception {
        Descriptor kept = TestImages.image(store.blobs(), AMD64, Map.of("kept", "1"));
        Descriptor dropped = TestImages.image(store.blobs(), AMD64, Map.of("dropped", "1"));
        store.tag(kept, ImageReference.parse("kept"));
        StoredImage keptImage = store.find("kept", AMD64);
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(dir.resolve("tmp/blob-999999999-1.partial"), "left by a dead process");

        GarbageCollector gc = new GarbageCollector(store, dir.resolve("tmp"), List.of());
        GarbageCollector.Result result = gc.collect();

        Set<dev.foxbox.image.model.Digest> left = Set.copyOf(store.blobs().list());
        assertTrue(left.contains(kept.digest()));
        assertTrue(left.contains(keptImage.id()));
        assertTrue(left.contains(keptImage.manifest().layers().get(0).digest()));
        assertFalse(left.contains(dropped.digest()));
        assertEquals(3, result.deletedBlobs().size()); // manifest, config and layer of the untagged image
        assertEquals(1, result.staleTempFiles());
        assertEquals(3, left.size());
    }

    @Test
    void garbageCollectionHonoursExtraRoots() throws Exception {
        Descriptor boxImage = TestImages.image(store.blobs(), AMD64, Map.of("box", "1"));
        GarbageCollector gc = new GarbageCollector(store, dir.resolve("tmp"), List.of(() -> List.of(boxImage)));
        assertTrue(gc.collect().deletedBlobs().isEmpty());
        assertEquals(3, store.blobs().list().size());
    }

    @Test
    void indexJsonStaysReadableByOciTools() throws Exception {
        Descriptor image = TestImages.image(store.blobs(), AMD64, Map.of("a", "1"));
        store.tag(image, ImageReference.parse("app"));
        ImageIndex index = OciJson.readIndex(Files.readAllBytes(dir.resolve("store/index.json")), "index");
        assertEquals(1, index.manifests().size());
        assertNull(index.manifests().get(0).platform());
        assertTrue(Files.readString(dir.resolve("store/index.json")).startsWith(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\""));
    }

    @Test
    void concurrentTaggersLoseNoUpdates() throws Exception {
        Descriptor image = TestImages.image(store.blobs(), AMD64, Map.of("a", "1"));
        int threads = 8;
        int perThread = 25;
        List<Thread> workers = new java.util.ArrayList<>();
        java.util.concurrent.ConcurrentLinkedQueue<Throwable> errors = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                try {
                    for (int i = 0; i < perThread; i++) {
                        store.tag(image, ImageReference.parse("t" + id + ":" + i));
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(threads * perThread, store.layout().index().manifests().size());
    }
}
