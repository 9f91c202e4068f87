package dev.foxbox.build.context;

import java.nio.file.Path;

/**
 * A COPY or ADD source found in the build context by {@link BuildContext#resolve}.
 *
 * @param name      the path as matched, relative to the context root ({@code .} for the root);
 *                  the name the destination gets when COPY copies several sources into a directory
 * @param path      the file or directory itself, symbolic links followed, inside the context
 * @param directory whether it is a directory, whose contents COPY copies
 *                  (see {@link BuildContext#files(ContextSource)})
 */
public record ContextSource(String name, Path path, boolean directory) {
}
