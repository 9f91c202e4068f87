package dev.foxbox.build.builder;

import dev.foxbox.image.store.StoredImage;
import java.io.IOException;

/** Where the images FROM and {@code COPY --from} name come from: the store, or a registry. */
@FunctionalInterface
public interface BaseImages {

    /** The image {@code name}: from the store, pulled when it lacks it, or pulled anew when {@code pull}. */
    StoredImage resolve(String name, boolean pull) throws IOException;
}
