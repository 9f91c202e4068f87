package dev.foxbox.image;

import dev.foxbox.image.store.StoredImage;
import java.io.IOException;
import java.util.List;

/** Who depends on an image (boxes created from it), so that removing it can be refused. */
@FunctionalInterface
public interface ImageUsers {
    /** Names of the users of {@code image}; empty when none. */
    List<String> usersOf(StoredImage image) throws IOException;
}
