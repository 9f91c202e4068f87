package dev.foxbox.build.context;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Which file a build reads: {@code -f FILE}, else the context's Foxfile, Dockerfile or Containerfile. */
public final class BuildFiles {

    /** Looked for in this order when no file is named, so that Dockerfiles and Containerfiles build unchanged. */
    public static final List<String> DEFAULT_NAMES = List.of("Foxfile", "Dockerfile", "Containerfile");

    private BuildFiles() {
    }

    /**
     * @param context    the build context directory
     * @param fileOption {@code -f}'s value or null; a relative path is taken from the current
     *                   directory, else from the context, as docker finds it
     * @return the Foxfile to read
     * @throws ContextException saying what is missing
     */
    public static Path locate(Path context, Path fileOption) {
        if (!Files.exists(context)) {
            throw new ContextException("build context " + context + " does not exist");
        }
        if (!Files.isDirectory(context)) {
            throw new ContextException("build context " + context + " is not a directory");
        }
        if (fileOption == null) {
            for (String name : DEFAULT_NAMES) {
                Path candidate = context.resolve(name);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
            throw new ContextException("no Foxfile, Dockerfile or Containerfile in " + context
                    + " (name one with -f FILE)");
        }
        Path file = fileOption;
        if (!file.isAbsolute() && !Files.exists(file) && Files.exists(context.resolve(file))) {
            file = context.resolve(file);
        }
        if (!Files.exists(file)) {
            throw new ContextException("Foxfile " + fileOption + " not found");
        }
        if (Files.isDirectory(file)) {
            throw new ContextException(fileOption + " is a directory, not a Foxfile");
        }
        return file;
    }
}
