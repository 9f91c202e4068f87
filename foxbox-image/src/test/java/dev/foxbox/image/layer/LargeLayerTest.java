package dev.foxbox.image.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file bigger than any buffer streams through; see {@link LargeLayerMemoryTest} for the heap bound. */
class LargeLayerTest {

    @Test
    void streamsALargeFile(@TempDir Path root) throws IOException {
        long size = 64L << 20;
        UnpackReport report = new LayerUnpacker(root, UnpackOptions.defaults()).apply(new SyntheticTar("big", size), "big");
        assertEquals(size, Files.size(root.resolve("big")));
        assertEquals(size, report.bytesWritten());
    }
}
