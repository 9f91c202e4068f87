package dev.foxbox.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.image.DataRoot;
import dev.foxbox.image.LocalImages;
import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.model.MediaType;
import dev.foxbox.image.model.Platform;
import dev.foxbox.image.store.StoredImage;
import dev.foxbox.registry.auth.CredentialSource;
import dev.foxbox.registry.client.RetryPolicy;
import dev.foxbox.registry.config.RegistriesConfig;
import dev.foxbox.registry.testing.LocalRegistry;
import dev.foxbox.registry.testing.TestImage;
import dev.foxbox.registry.testing.TestImage.Compression;
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

/** Pulls from a real registry (Debian's docker-registry on loopback) images that skopeo pushed there. */
class RegistryPullTest {

    static final Platform AMD64 = new Platform("linux", "amd64", null);
    static final Platform ARM64 = new Platform("linux", "arm64", "v8");

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

    static RegistrySettings settings(RegistriesConfig config) {
        return new RegistrySettings(config, CredentialSource.none(),
                new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(5)),
                Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    LocalImages images() throws Exception {
        return LocalImages.open(new DataRoot(dir.resolve("root")));
    }

    void push(String repoTag, List<TestImage> images, String... skopeoOptions) throws Exception {
        Path layout = TestImage.layout(Files.createTempDirectory(dir, "layout"), "img", images);
        registry.push(layout, "img", repoTag, skopeoOptions);
    }

    @Test
    void pullsOneLayerKeepingTheManifestBytesAndRePullsWithOneRequest() throws Exception {
        TestImage image = TestImage.build(AMD64, Compression.GZIP, 1, 4000);
        push("one/app:1", List.of(image));
        LocalImages images = images();
        ImagePuller puller = new ImagePuller(images.store(), settings(RegistriesConfig.defaults()));
        ImageReference ref = ImageReference.parse(registry.host() + "/one/app:1");

        StoredImage pulled = puller.pull(ref, PullOptions.defaults());

        assertEquals(image.manifest().digest(), pulled.manifestDigest());
        assertEquals(ref, pulled.reference());
        assertArrayEquals(image.manifest().bytes(), Files.readAllBytes(images.store().blobs().path(image.manifest().digest())));
        assertEquals(image.config().digest(), pulled.id());
        Path rootfs = dir.resolve("rootfs");
        images.unpack(ref.toString(), rootfs, note -> { });
        assertTrue(Files.readString(rootfs.resolve("layer0.txt")).startsWith("layer 0"));

        int before = registry.requests().size();
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        StoredImage again = puller.pull(ref, PullOptions.defaults().withProgress(new PullProgress() {
            @Override
            public void finished(StoredImage image, boolean changed) {
                events.add("finished changed=" + changed);
            }
        }));
        List<LocalRegistry.Request> made = registry.requests().subList(before, registry.requests().size());
        assertEquals(1, made.size(), "an unchanged re-pull makes one request: " + made);
        assertEquals("HEAD", made.get(0).method());
        assertEquals(List.of("finished changed=false"), events);
        assertEquals(pulled.manifestDigest(), again.manifestDigest());
    }

    @Test
    void pullsSeveralLayersAndSkopeoReadsTheStore() throws Exception {
        TestImage image = TestImage.build(AMD64, Compression.GZIP, 2, 100_000, 200_000, 50_000, 10);
        push("many/app:latest", List.of(image));
        LocalImages images = images();
        ImagePuller puller = new ImagePuller(images.store(), settings(RegistriesConfig.defaults()));
        String ref = registry.host() + "/many/app:latest";
        StoredImage pulled = puller.pull(ImageReference.parse(ref), PullOptions.defaults().withMaxConcurrentDownloads(2));
        assertEquals(4, pulled.manifest().layers().size());
        for (TestImage.Blob layer : image.layers()) {
            assertTrue(images.store().blobs().contains(layer.digest()));
        }
        String inspect = Tools.run(Map.of(), Tools.require("skopeo", "skopeo").toString(), "inspect",
                "oci:" + images.store().layout().dir() + ":" + ref);
        assertTrue(inspect.contains(image.layers().get(3).digest().toString()), inspect);
    }

    @Test
    void pullsTheHostPlatformOrAnotherFromAnIndex() throws Exception {
        TestImage amd = TestImage.build(AMD64, Compression.GZIP, 3, 3000);
        TestImage arm = TestImage.build(ARM64, Compression.GZIP, 4, 3000);
        push("multi/app:1", List.of(amd, arm), "--all");
        LocalImages images = images();
        ImagePuller puller = new ImagePuller(images.store(), settings(RegistriesConfig.defaults()));
        ImageReference ref = ImageReference.parse(registry.host() + "/multi/app:1");
        TestImage.Blob index = TestImage.index(List.of(amd, arm));

        StoredImage host = puller.pull(ref, PullOptions.defaults().withPlatform(AMD64));
        assertEquals(amd.manifest().digest(), host.manifestDigest());
        assertEquals(index.digest(), host.repoDigest(), "the registry's digest of the tag is the index's");
        assertEquals(AMD64, host.entry().platform());
        assertFalse(images.store().blobs().contains(index.digest()), "the index itself is not stored");

        StoredImage other = puller.pull(ref, PullOptions.defaults().withPlatform(Platform.parse("linux/arm64/v8")));
        assertEquals(arm.manifest().digest(), other.manifestDigest());
        StoredImage listed = images.store().list(Platform.host()).images().get(0);
        assertEquals(arm.manifest().digest(), listed.manifestDigest(), "the non-host pull is what the store lists");
        assertEquals("arm64", images.get(ref.toString()).config().architecture());

        int before = registry.requests().size();
        puller.pull(ref, PullOptions.defaults().withPlatform(ARM64));
        assertEquals(1, registry.requests().size() - before, "unchanged for the same platform: one request");

        RegistryException none = assertThrows(RegistryException.class,
                () -> puller.pull(ref, PullOptions.defaults().withPlatform(Platform.parse("linux/s390x"))));
        assertEquals(ref + " has no image for linux/s390x; it offers linux/amd64, linux/arm64/v8 (choose one with --platform)",
                none.getMessage());
    }

    @Test
    void pullsZstdLayersAndDockerSchema2() throws Exception {
        TestImage zstd = TestImage.build(AMD64, Compression.ZSTD, 5, 20_000, 30_000);
        push("zstd/app:1", List.of(zstd));
        TestImage docker = TestImage.build(AMD64, Compression.GZIP, 6, 5000);
        push("docker/app:1", List.of(docker), "--format", "v2s2");
        LocalImages images = images();
        ImagePuller puller = new ImagePuller(images.store(), settings(RegistriesConfig.defaults()));

        StoredImage z = puller.pull(ImageReference.parse(registry.host() + "/zstd/app:1"), PullOptions.defaults());
        assertEquals(MediaType.OCI_LAYER_ZSTD, z.manifest().layers().get(0).mediaType());
        images.unpack(z.reference().toString(), dir.resolve("z"), note -> { });
        assertTrue(Files.exists(dir.resolve("z/layer1.bin")));

        StoredImage d = puller.pull(ImageReference.parse(registry.host() + "/docker/app:1"), PullOptions.defaults());
        assertEquals(MediaType.DOCKER_MANIFEST, d.manifest().mediaType());
        assertEquals(MediaType.DOCKER_MANIFEST, d.entry().mediaType());
        images.unpack(d.reference().toString(), dir.resolve("d"), note -> { });
        assertTrue(Files.exists(dir.resolve("d/layer0.txt")));
        // skopeo 1.9 lists only OCI-typed entries of a layout; the Docker manifest keeps its bytes (and digest).
        String remote = Tools.run(Map.of(), Tools.require("skopeo", "skopeo").toString(), "inspect", "--tls-verify=false",
                "docker://" + registry.host() + "/docker/app:1");
        assertTrue(remote.contains("\"Digest\": \"" + d.manifestDigest() + "\""), remote);
    }

    @Test
    void unknownManifestSaysWhich() throws Exception {
        ImagePuller puller = new ImagePuller(images().store(), settings(RegistriesConfig.defaults()));
        ImageReference ref = ImageReference.parse(registry.host() + "/nope:latest");
        RegistryException e = assertThrows(RegistryException.class, () -> puller.pull(ref, PullOptions.defaults()));
        assertEquals("manifest unknown: " + ref, e.getMessage());
        assertNull(images().store().layout().index().manifests().stream().findAny().orElse(null));
    }

    @Test
    void pullByDigestIsRecordedWithTheDigest() throws Exception {
        TestImage image = TestImage.build(AMD64, Compression.GZIP, 7, 1000);
        push("bydigest/app:1", List.of(image));
        LocalImages images = images();
        ImagePuller puller = new ImagePuller(images.store(), settings(RegistriesConfig.defaults()));
        ImageReference ref = ImageReference.parse(registry.host() + "/bydigest/app@" + image.manifest().digest());
        StoredImage pulled = puller.pull(ref, PullOptions.defaults());
        assertEquals(ref, pulled.reference());
        int before = registry.requests().size();
        puller.pull(ref, PullOptions.defaults());
        assertEquals(before, registry.requests().size(), "a digest already in the store needs no request");
        Descriptor entry = images.store().layout().index().manifests().get(0);
        assertNotNull(entry.refName());
    }
}
