package dev.foxbox.runtime.box;

import dev.foxbox.image.DataRoot;
import dev.foxbox.image.LocalImages;
import java.nio.file.Path;

/**
 * Flattens an image into a directory: run by {@link BoxFiles} in a JVM that the helper started as
 * root of a user namespace, so the layers' owners can be applied.
 *
 * <p>Usage: {@code UnpackMain DATA_ROOT IMAGE TARGET}.
 */
public final class UnpackMain {

    private UnpackMain() {}

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: UnpackMain DATA_ROOT IMAGE TARGET");
            System.exit(2);
        }
        try {
            LocalImages.open(new DataRoot(Path.of(args[0]))).unpack(args[1], Path.of(args[2]), System.err::println);
        } catch (Exception e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }
}
