package dev.foxbox.image.layer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The order of entries in a layer foxbox writes: unsigned byte order of the UTF-8 path. A
 * directory's path is a prefix of its children's, so parents always come first.
 */
final class PathOrder {

    private PathOrder() {}

    static int compare(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
