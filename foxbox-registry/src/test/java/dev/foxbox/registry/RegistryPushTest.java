package dev.foxbox.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.image.DataRoot;
import dev.foxbox.image.LocalImages;
import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.model.Platform;
import dev.foxbox.image.store.StoredImage;
import dev.foxbox.registry.auth.CredentialSource;
import dev.foxbox.registry.client.RetryPolicy;
import dev.foxbox.registry.config.RegistriesConfig;
import dev.foxbox.registry.testing.LocalRegistry;
import dev.foxbox.registry.testing.TestImage;
import dev.foxbox.registry.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushes to a real registry (Debian's docker-registry on loopback), and checks with a pull and with skopeo. */
class RegistryPushTest {

    static final Platform AMD64 = new Platform("linux", "amd64", null);

    @TempDir
    static Path shared;
    static LocalRegistry registry;

    @TempDir
    Path dir;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = LocalRegistry.start(shared.resolve("registry"));
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    static RegistrySettings settings() {
        return new RegistrySettings(RegistriesConfig.defaults(), CredentialSource.none(),
                new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(5)),
                Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    /** The test image, stored in a fresh data root under {@code name}. */
    static StoredImage store(LocalImages images, TestImage image, String name) throws Exception {
        for (TestImage.Blob blob : image.blobs()) {
            images.store().blobs().put(blob.bytes());
        }
        images.store().tag(image.manifest().descriptor(), ImageReference.parse(name));
        return images.get(name);
    }

    /** Records what a push reports. */
    static final class Events implements PushProgress {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void blobSkipped(Descriptor blob) {
            lines.add("skipped " + blob.digest());
        }

        @Override
        public void blobReused(Descriptor blob, String from) {
            lines.add("mounted " + blob.digest() + " from " + from);
        }

        @Override
        public void blobDone(Descriptor blob) {
            lines.add("pushed " + blob.digest());
        }

        @Override
        public void finished(PushedImage image) {
            lines.add("finished " + image.digest());
        }
    }

    @Test
    void pushesInChunksAndWholeThenPullsBackTheSameDigest() throws Exception {
        TestImage image = TestImage.build(AMD64, TestImage.Compression.GZIP, 41, 300_000, 1000);
        LocalImages images = LocalImages.open(new DataRoot(dir.resolve("root")));
        StoredImage stored = store(images, image, "app:1");
        ImageReference target = ImageReference.parse(registry.host() + "/team/app:1");
        int before = registry.requests().size();

        Events events = new Events();
        PushedImage pushed = new ImagePusher(images.store(), settings())
                .push(stored, target, PushOptions.defaults().withChunkSize(64 * 1024).withProgress(events));

        assertEquals(image.manifest().digest(), pushed.digest());
        assertTrue(events.lines.contains("pushed " + image.layers().get(0).digest()), events.lines.toString());
        assertEquals("finished " + image.manifest().digest(), events.lines.get(events.lines.size() - 1));
        List<LocalRegistry.Request> requests = registry.requests().subList(before, registry.requests().size());
        long patches = requests.stream().filter(r -> r.method().equals("PATCH")).count();
        assertEquals(300_000 / (64 * 1024), patches, requests.toString()); // the big layer's full chunks; its rest goes with the PUT
        LocalRegistry.Request last = requests.get(requests.size() - 1);
        assertEquals("PUT /v2/team/app/manifests/1", last.method() + " " + last.path());
        assertEquals(201, last.status());

        LocalImages other = LocalImages.open(new DataRoot(dir.resolve("other")));
        StoredImage pulled = new ImagePuller(other.store(), settings()).pull(target, PullOptions.defaults());
        assertEquals(image.manifest().digest(), pulled.manifestDigest());
        for (TestImage.Blob blob : image.blobs()) {
            assertArrayEquals(blob.bytes(), Files.readAllBytes(other.store().blobs().path(blob.digest())));
        }

        Tools.require("skopeo", "skopeo");
        String inspect = Tools.run(Map.of(), "skopeo", "inspect", "--tls-verify=false", "docker://" + target);
        assertTrue(inspect.contains("\"Digest\": \"" + image.manifest().digest() + "\""), inspect);
    }

    @Test
    void pushingAgainSkipsEveryBlobAndAnotherRepositoryMountsThem() throws Exception {
        TestImage image = TestImage.build(AMD64, TestImage.Compression.ZSTD, 42, 20_000, 3000);
        LocalImages images = LocalImages.open(new DataRoot(dir.resolve("root")));
        ImageReference first = ImageReference.parse(registry.host() + "/mount/first:1");
        StoredImage stored = store(images, image, first.toString());
        ImagePusher pusher = new ImagePusher(images.store(), settings());
        pusher.push(stored, first, PushOptions.defaults());

        Events again = new Events();
        int before = registry.requests().size();
        pusher.push(stored, first, PushOptions.defaults().withProgress(again));
        List<LocalRegistry.Request> requests = registry.requests().subList(before, registry.requests().size());
        assertTrue(requests.stream().noneMatch(r -> r.method().equals("POST") || r.method().equals("PATCH")), requests.toString());
        assertEquals(3, again.lines.size(), again.lines.toString()); // both layers skipped (the config silently), then finished

        Events second = new Events();
        ImageReference target = ImageReference.parse(registry.host() + "/mount/second:2");
        PushedImage pushed = pusher.push(stored, target, PushOptions.defaults().withProgress(second));
        assertEquals(image.manifest().digest(), pushed.digest());
        for (TestImage.Blob layer : image.layers()) {
            assertTrue(second.lines.contains("mounted " + layer.digest() + " from " + registry.host() + "/mount/first"),
                    second.lines.toString());
        }
        StoredImage pulled = new ImagePuller(LocalImages.open(new DataRoot(dir.resolve("other"))).store(), settings())
                .pull(target, PullOptions.defaults());
        assertEquals(image.manifest().digest(), pulled.manifestDigest());
    }
}
