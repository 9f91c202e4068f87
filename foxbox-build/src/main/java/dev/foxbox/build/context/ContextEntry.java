package dev.foxbox.build.context;

import java.nio.file.Path;

/**
 * A file the build context sends, as the context walker lists it.
 *
 * @param path where it is, relative to where the walk started, {@code /}-separated
 * @param file the file on disk
 * @param kind what it is; a symbolic link is listed as a link (its target is not followed)
 */
public record ContextEntry(String path, Path file, Kind kind) {

    /** What the builder copies: a file's bytes, a directory, or a link as a link. */
    public enum Kind { FILE, DIRECTORY, SYMLINK }
}
