package dev.foxbox.build.builder;

import dev.foxbox.image.model.ImageReference;
import dev.foxbox.runtime.box.BoxSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code foxbox build} was asked for.
 *
 * @param context   the build context directory
 * @param file      {@code -f}, or null for CONTEXT/Foxfile, Dockerfile or Containerfile
 * @param tags      {@code -t} names; none leaves the image untagged
 * @param buildArgs {@code --build-arg} values
 * @param target    {@code --target} stage, or null for the last stage
 * @param noCache   {@code --no-cache}: run every step
 * @param pull      {@code --pull}: pull base images even when the store has them
 * @param labels    {@code --label}s added to the image
 * @param network   the network RUN steps get
 * @param quiet     {@code -q}: print only the image id
 */
public record BuildRequest(Path context, Path file, List<ImageReference> tags, Map<String, String> buildArgs,
                           String target, boolean noCache, boolean pull, Map<String, String> labels,
                           BoxSpec.Network network, boolean quiet) {

    public BuildRequest {
        tags = List.copyOf(tags);
        buildArgs = Map.copyOf(buildArgs);
        labels = Map.copyOf(labels);
    }
}
