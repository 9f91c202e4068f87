package dev.foxbox.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.image.DataRoot;
import dev.foxbox.image.LocalImages;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.model.Platform;
import dev.foxbox.image.store.StoredImage;
import dev.foxbox.registry.auth.CredentialSource;
import dev.foxbox.registry.client.RetryPolicy;
import dev.foxbox.registry.config.RegistriesConfig;
import dev.foxbox.registry.testing.LocalRegistry;
import dev.foxbox.registry.testing.TestImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mirrors from the registries file: tried first, with a fallback to the registry itself; short names. */
class MirrorTest {

    static final Platform AMD64 = new Platform("linux", "amd64", null);

    @TempDir
    static Path shared;
    static LocalRegistry mirror;
    static LocalRegistry origin;

    @TempDir
    Path dir;
    final List<String> notes = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        mirror = LocalRegistry.start(shared.resolve("mirror"));
        origin = LocalRegistry.start(shared.resolve("origin"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (LocalRegistry r : new LocalRegistry[] {mirror, origin}) {
            if (r != null) {
                r.close();
            }
        }
    }

    ImagePuller puller(String config) throws Exception {
        RegistriesConfig parsed = RegistriesConfig.parse(config, "registries.conf", List.of());
        return new ImagePuller(LocalImages.open(new DataRoot(dir.resolve("root"))).store(), new RegistrySettings(parsed,
                CredentialSource.none(), new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(1)),
                Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }

    PullOptions options() {
        return PullOptions.defaults().withProgress(new PullProgress() {
            @Override
            public void note(String line) {
                notes.add(line);
            }
        });
    }

    TestImage push(LocalRegistry registry, String repoTag, long seed) throws Exception {
        TestImage image = TestImage.build(AMD64, TestImage.Compression.GZIP, seed, 5000);
        registry.push(TestImage.layout(Files.createTempDirectory(dir, "layout"), "img", List.of(image)), "img", repoTag);
        return image;
    }

    @Test
    void dockerHubMirroredToLoopbackServesShortNames() throws Exception {
        TestImage alpine = push(mirror, "library/alpine:latest", 31);
        ImagePuller puller = puller("[[registry]]\nlocation = \"docker.io\"\n[[registry.mirror]]\nlocation = \"" + mirror.host() + "\"\n");
        StoredImage pulled = puller.pull("alpine", options());
        assertEquals(ImageReference.parse("docker.io/library/alpine:latest"), pulled.reference());
        assertEquals(alpine.manifest().digest(), pulled.manifestDigest());
        assertTrue(mirror.requests().stream().anyMatch(r -> r.path().equals("/v2/library/alpine/manifests/latest")));
    }

    @Test
    void aMirrorWithoutTheImageFallsBackToTheRegistry() throws Exception {
        TestImage image = push(origin, "only/origin:1", 32);
        int mirrorBefore = mirror.requests().size();
        ImagePuller puller = puller("[[registry]]\nlocation = \"" + origin.host() + "\"\n[[registry.mirror]]\nlocation = \""
                + mirror.host() + "\"\n");
        StoredImage pulled = puller.pull(ImageReference.parse(origin.host() + "/only/origin:1"), options());
        assertEquals(image.manifest().digest(), pulled.manifestDigest());
        assertTrue(mirror.requests().size() > mirrorBefore, "the mirror was asked first");
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("mirror " + mirror.host() + ": manifest unknown")), notes.toString());
    }

    @Test
    void aMirrorThatIsDownIsSkippedAtOnce() throws Exception {
        TestImage image = push(origin, "down/app:1", 33);
        ImagePuller puller = puller("[[registry]]\nlocation = \"" + origin.host() + "\"\n[[registry.mirror]]\nlocation = \"127.0.0.1:9\"\n");
        long start = System.nanoTime();
        assertEquals(image.manifest().digest(),
                puller.pull(ImageReference.parse(origin.host() + "/down/app:1"), options()).manifestDigest());
        assertTrue(System.nanoTime() - start < 3_000_000_000L, "a refused connection is not retried");
        assertTrue(notes.stream().anyMatch(n -> n.contains("cannot connect to 127.0.0.1:9")), notes.toString());
    }

    @Test
    void aMirrorPathPrefixesTheRepository() throws Exception {
        TestImage image = push(mirror, "cache/team/app:2", 34);
        ImagePuller puller = puller("[[registry]]\nlocation = \"" + origin.host() + "\"\n[[registry.mirror]]\nlocation = \""
                + mirror.host() + "/cache\"\n");
        int originBefore = origin.requests().size();
        assertEquals(image.manifest().digest(),
                puller.pull(ImageReference.parse(origin.host() + "/team/app:2"), options()).manifestDigest());
        assertEquals(originBefore, origin.requests().size(), "the origin was not needed");
    }

    @Test
    void shortNamesAreSearchedInOrder() throws Exception {
        TestImage image = push(origin, "tool:1", 35);
        ImagePuller puller = puller("unqualified-search-registries = [\"" + mirror.host() + "\", \"" + origin.host() + "\"]\n");
        StoredImage pulled = puller.pull("tool:1", options());
        assertEquals(ImageReference.parse(origin.host() + "/tool:1"), pulled.reference());
        assertEquals(image.manifest().digest(), pulled.manifestDigest());
    }

    @Test
    void aBlockedRegistryIsRefused() throws Exception {
        ImagePuller puller = puller("[[registry]]\nlocation = \"" + origin.host() + "\"\nblocked = true\n");
        RegistryException e = org.junit.jupiter.api.Assertions.assertThrows(RegistryException.class,
                () -> puller.pull(ImageReference.parse(origin.host() + "/x:1"), options()));
        assertEquals("pull " + origin.host() + "/x:1: the registry " + origin.host() + " is blocked in registries.conf", e.getMessage());
    }
}
