package dev.foxbox.image.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unpacks a 1 GiB file entry in a child JVM limited to a 128 MiB heap: the only honest way to
 * show that memory does not grow with the size of what is unpacked.
 */
class LargeLayerMemoryTest {

    private static final long ONE_GIB = 1L << 30;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void oneGibibyteInA128MebibyteHeap(@TempDir Path root) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                LargeLayerMain.class.getName(), root.toString(), Long.toString(ONE_GIB))
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), output);
        assertTrue(output.contains("wrote " + ONE_GIB + " file " + ONE_GIB), output);
    }
}
