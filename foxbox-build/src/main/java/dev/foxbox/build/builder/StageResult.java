package dev.foxbox.build.builder;

import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.ImageConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * A built stage (or the state of one being built): its cache key, its image config and layers,
 * and its root file system as overlay lower directories, topmost first.
 */
record StageResult(String key, ImageConfig config, List<Descriptor> layers, List<Path> lowers) {

    StageResult {
        layers = List.copyOf(layers);
        lowers = List.copyOf(lowers);
    }
}
