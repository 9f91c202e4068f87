package dev.foxbox.image.layer;

import java.nio.file.Files;
import java.nio.file.Path;

/** Run in a child JVM by {@link LargeLayerMemoryTest}: applies a synthetic layer and prints what it wrote. */
public final class LargeLayerMain {

    private LargeLayerMain() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        long size = Long.parseLong(args[1]);
        UnpackReport report = new LayerUnpacker(root, UnpackOptions.defaults()).apply(new SyntheticTar("big", size), "large");
        System.out.println("wrote " + report.bytesWritten() + " file " + Files.size(root.resolve("big"))
                + " max heap " + Runtime.getRuntime().maxMemory());
    }
}
