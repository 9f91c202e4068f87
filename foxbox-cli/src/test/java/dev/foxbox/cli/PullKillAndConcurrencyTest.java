package dev.foxbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.Platform;
import dev.foxbox.registry.testing.LocalRegistry;
import dev.foxbox.registry.testing.TestImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kill -9} in the middle of pulls, and pulls in several processes at once, against a real registry. */
class PullKillAndConcurrencyTest {

    static final Platform AMD64 = new Platform("linux", "amd64", null);

    @TempDir
    Path dir;

    @Test
    void killedPullsLeaveAConsistentStoreAndTheSamePullThenSucceeds() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"))) {
            TestImage image = TestImage.build(AMD64, TestImage.Compression.GZIP, 61, 3_000_000, 3_000_000, 3_000_000,
                    3_000_000, 3_000_000, 3_000_000);
            registry.push(TestImage.layout(dir.resolve("layout"), "img", List.of(image)), "img", "big:1");
            Path root = dir.resolve("root");
            Foxbox foxbox = new Foxbox(root);
            foxbox.run("images").ok();
            String ref = registry.host() + "/big:1";
            Random random = new Random(7);
            // Kill points: mid first blob, after some blobs are in, once all blobs are in (manifest/tag), and at random.
            List<BooleanSupplier> points = List.of(
                    () -> partialBytes(root) > 500_000,
                    () -> blobCount(root) >= 3,
                    () -> blobCount(root) >= image.blobs().size() - 1,
                    () -> false);
            int killedMidPull = 0;
            for (BooleanSupplier point : points) {
                Process pull = foxbox.process("pull", "--max-concurrent-downloads", "1", ref).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("pull.log").toFile()).start();
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(600 + random.nextInt(1500));
                while (pull.isAlive() && !point.getAsBoolean() && (point != points.get(3) || System.nanoTime() < deadline)
                        && System.nanoTime() < deadline + TimeUnit.SECONDS.toNanos(30)) {
                    Thread.sleep(2);
                }
                if (pull.isAlive()) {
                    killedMidPull++;
                }
                pull.destroyForcibly(); // SIGKILL
                assertTrue(pull.waitFor(30, TimeUnit.SECONDS));
                StoreChecks.assertConsistent(root);
                foxbox.run("images").ok();
                // Start the next round from a fresh store, so that every kill point is reached again.
                foxbox.run("rmi", "-f", ref); // may be absent: a killed pull names nothing
                foxbox.run("system", "prune", "-f").ok();
            }
            assertTrue(killedMidPull >= 3, "the pulls were killed while running: " + killedMidPull + " of " + points.size());
            Foxbox.Result result = foxbox.runProcess("pull", ref).ok();
            assertTrue(result.out().contains("Status: Downloaded newer image for " + ref), result.out());
            StoreChecks.assertConsistent(root);
            foxbox.run("system", "prune", "-f").ok();
            StoreChecks.assertNothingUnreferenced(root);
            try (Stream<Path> tmp = Files.list(root.resolve("tmp"))) {
                assertEquals(0, tmp.count(), "prune removed what the killed pulls left");
            }
        }
    }

    @Test
    void fourProcessesPullOneImageAndImagesSharingLayers() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"))) {
            TestImage base = TestImage.build(AMD64, TestImage.Compression.GZIP, 62, 500_000, 500_000);
            TestImage derived = TestImage.build(AMD64, TestImage.Compression.GZIP, 62, 500_000, 500_000, 2000);
            registry.push(TestImage.layout(dir.resolve("l1"), "img", List.of(base)), "img", "base:1");
            registry.push(TestImage.layout(dir.resolve("l2"), "img", List.of(derived)), "img", "derived:1");
            Path root = dir.resolve("root");
            Foxbox foxbox = new Foxbox(root);
            foxbox.run("images").ok();
            List<Process> pulls = new ArrayList<>();
            for (String name : List.of("base:1", "derived:1", "base:1", "derived:1")) {
                pulls.add(foxbox.process("pull", "-q", registry.host() + "/" + name).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("pull" + pulls.size() + ".log").toFile()).start());
            }
            for (int i = 0; i < pulls.size(); i++) {
                assertTrue(pulls.get(i).waitFor(120, TimeUnit.SECONDS));
                assertEquals(0, pulls.get(i).exitValue(), Files.readString(dir.resolve("pull" + i + ".log")));
            }
            StoreChecks.assertConsistent(root);
            Set<Digest> expected = new HashSet<>();
            base.blobs().forEach(b -> expected.add(b.digest()));
            derived.blobs().forEach(b -> expected.add(b.digest()));
            Set<Digest> stored = new HashSet<>();
            try (Stream<Path> blobs = Files.list(root.resolve("store/blobs/sha256"))) {
                blobs.forEach(p -> stored.add(Digest.parse("sha256:" + p.getFileName())));
            }
            assertEquals(expected, stored, "each shared blob is stored once, and nothing else");
            assertEquals(2, foxbox.run("images", "-q").ok().out().lines().count());
        }
    }

    private static int blobCount(Path root) {
        try (Stream<Path> blobs = Files.list(root.resolve("store/blobs/sha256"))) {
            return (int) blobs.count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static long partialBytes(Path root) {
        try (Stream<Path> tmp = Files.list(root.resolve("tmp"))) {
            return tmp.filter(p -> p.getFileName().toString().startsWith("blob-")).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (java.io.IOException e) {
                    return 0;
                }
            }).sum();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
