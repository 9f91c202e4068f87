package dev.foxbox.runtime.box;

import dev.foxbox.image.store.StoredImage;
import java.io.IOException;

/**
 * Finds the image a box is made from: in the store, or (the CLI's resolver) pulled from its
 * registry when the store lacks it, as {@code docker run} does.
 */
@FunctionalInterface
public interface ImageResolver {
    StoredImage resolve(String nameOrId) throws IOException;
}
