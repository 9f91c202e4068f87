package dev.foxbox.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.image.DataRoot;
import dev.foxbox.image.LocalImages;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.model.Platform;
import dev.foxbox.registry.auth.CredentialSource;
import dev.foxbox.registry.client.RetryPolicy;
import dev.foxbox.registry.config.RegistriesConfig;
import dev.foxbox.registry.testing.LocalRegistry;
import dev.foxbox.registry.testing.TestImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pulls running at once in one JVM: of the same image, and of images that share layers. */
class ConcurrentPullTest {

    @TempDir
    Path dir;

    @Test
    void fourPullsOfOneImageAndOfImagesSharingLayers() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"))) {
            Platform amd64 = new Platform("linux", "amd64", null);
            TestImage base = TestImage.build(amd64, TestImage.Compression.GZIP, 41, 300_000, 200_000);
            // The same seed and sizes give the same first two layers: the second image shares them.
            TestImage derived = TestImage.build(amd64, TestImage.Compression.GZIP, 41, 300_000, 200_000, 1000);
            assertEquals(base.layers().get(0).digest(), derived.layers().get(0).digest());
            registry.push(TestImage.layout(dir.resolve("l1"), "img", List.of(base)), "img", "base:1");
            registry.push(TestImage.layout(dir.resolve("l2"), "img", List.of(derived)), "img", "derived:1");

            LocalImages images = LocalImages.open(new DataRoot(dir.resolve("root")));
            ImagePuller puller = new ImagePuller(images.store(), new RegistrySettings(RegistriesConfig.defaults(),
                    CredentialSource.none(), RetryPolicy.defaults(), Duration.ofSeconds(5), Duration.ofSeconds(20)));
            List<String> names = List.of("base:1", "base:1", "derived:1", "base:1", "derived:1", "base:1", "derived:1", "base:1");
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> pulls = new ArrayList<>();
            for (String name : names) {
                Callable<Object> pull = () -> puller.pull(ImageReference.parse(registry.host() + "/" + name), PullOptions.defaults());
                pulls.add(pool.submit(pull));
            }
            for (Future<?> f : pulls) {
                f.get();
            }
            pool.shutdown();

            assertEquals(2, images.list().images().size());
            Set<Digest> expected = new HashSet<>();
            for (TestImage i : List.of(base, derived)) {
                i.blobs().forEach(b -> expected.add(b.digest()));
            }
            assertEquals(expected, new HashSet<>(images.store().blobs().list()), "each blob stored once, nothing else");
            long layerGets = registry.requests().stream()
                    .filter(r -> r.method().equals("GET") && r.path().endsWith(base.layers().get(0).digest().toString())).count();
            assertTrue(layerGets <= 2, "a shared layer is downloaded once per JVM, not once per pull: " + layerGets);
            try (Stream<Path> tmp = Files.list(dir.resolve("root/tmp"))) {
                assertEquals(0, tmp.filter(p -> p.toString().endsWith(".partial")).count());
            }
        }
    }
}
