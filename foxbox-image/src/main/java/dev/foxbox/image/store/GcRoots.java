package dev.foxbox.image.store;

import dev.foxbox.image.model.Descriptor;
import java.io.IOException;
import java.util.List;

/**
 * Content that must survive garbage collection besides what index.json names: the images boxes
 * were created from, the build cache. Each owner of such references provides one.
 */
@FunctionalInterface
public interface GcRoots {
    List<Descriptor> roots() throws IOException;
}
