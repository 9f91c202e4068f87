package dev.foxbox.image.archive;

import java.util.List;

/**
 * One image of a docker archive's {@code manifest.json}: file names inside the archive.
 *
 * @param config   the config's file, e.g. {@code 3f57d9401f8d….json}
 * @param repoTags the image's names, e.g. {@code busybox:latest}; may be empty
 * @param layers   the layers' files, bottom first: uncompressed tars
 */
public record DockerArchiveManifest(String config, List<String> repoTags, List<String> layers) {

    public DockerArchiveManifest {
        repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
        layers = layers == null ? List.of() : List.copyOf(layers);
    }
}
