package dev.foxbox.image.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Randomly corrupted headers with valid checksums, from a fixed seed: the unpacker either applies them or throws
 * an IOException, never an unchecked exception, and never writes beside the root.
 */
class FuzzedLayerTest {

    @Test
    void corruptedHeadersFailCleanly(@TempDir Path tmp) throws IOException {
        Path sentinel = Files.createDirectory(tmp.resolve("sentinel"));
        Files.writeString(sentinel.resolve("keep"), "sentinel");
        byte[] base = new TarBuilder()
                .dir("etc").file("etc/config", "value", 0644, Map.of("SCHILY.xattr.user.k", "v"))
                .symlink("up", "..").symlink("out", sentinel.toString()).hardlink("etc/again", "etc/config")
                .file("long/" + "n".repeat(150), "long").file(".wh.nothing", "").fifo("pipe").build();
        Random random = new Random(20240607);
        SortedMap<String, String> before = TreeSnapshot.of(sentinel, null);
        Files.createDirectory(tmp.resolve("roots"));
        for (int round = 0; round < 400; round++) {
            byte[] layer = base.clone();
            for (int flips = 1 + random.nextInt(6); flips > 0; flips--) {
                int record = random.nextInt(layer.length / 512);
                boolean header = TarBuilder.isHeader(layer, record * 512);
                layer[record * 512 + random.nextInt(header ? 345 : 512)] = (byte) random.nextInt(256);
                if (header) {
                    TarBuilder.fixChecksum(layer, record * 512); // get past the checksum to the parsers
                }
            }
            Path root = Files.createDirectories(tmp.resolve("roots/" + round));
            try {
                new LayerUnpacker(root, UnpackOptions.defaults()).apply(new ByteArrayInputStream(layer), "fuzz" + round);
            } catch (IOException expected) {
                // refused or invalid: fine
            } catch (RuntimeException e) {
                fail("round " + round + " threw an unchecked exception", e);
            }
        }
        assertEquals(before, TreeSnapshot.of(sentinel, null));
        try (var beside = Files.list(tmp)) {
            assertEquals(2, beside.count(), "only the sentinel and the roots are beside the roots");
        }
    }
}
