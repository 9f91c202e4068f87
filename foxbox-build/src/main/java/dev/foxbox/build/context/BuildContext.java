package dev.foxbox.build.context;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The build context: the directory a build may copy from, less what {@code .foxignore} (else
 * {@code .dockerignore}) leaves out. COPY and ADD see nothing else: a source that leads outside
 * the context, by {@code ..} or by a symbolic link, is refused, so a Foxfile cannot read the
 * builder's files.
 *
 * <p>Paths are relative to the context root and {@code /}-separated; a leading {@code /} means
 * the root, as in docker ({@code COPY /app.jar .} copies the context's {@code app.jar}).
 */
public final class BuildContext {

    private final Path root;
    private final IgnorePatterns ignore;

    private BuildContext(Path root, IgnorePatterns ignore) {
        this.root = root;
        this.ignore = ignore;
    }

    /** The context at {@code root} with its {@code .foxignore} or {@code .dockerignore}. */
    public static BuildContext open(Path root) throws IOException {
        return open(root, null);
    }

    /**
     * The context at {@code root}; a {@code FILE.foxignore} or {@code FILE.dockerignore} next to
     * the Foxfile (BuildKit's per-Dockerfile ignore file) comes first, then the context's own.
     */
    public static BuildContext open(Path root, Path foxfile) throws IOException {
        Path real = root.toRealPath();
        List<Path> candidates = new ArrayList<>();
        if (foxfile != null) {
            candidates.add(foxfile.resolveSibling(foxfile.getFileName() + ".foxignore"));
            candidates.add(foxfile.resolveSibling(foxfile.getFileName() + ".dockerignore"));
        }
        candidates.add(real.resolve(".foxignore"));
        candidates.add(real.resolve(".dockerignore"));
        for (Path c : candidates) {
            if (Files.isRegularFile(c)) {
                return new BuildContext(real, IgnorePatterns.read(c));
            }
        }
        return new BuildContext(real, IgnorePatterns.NONE);
    }

    /** A context with the given patterns (for tests and for callers that read them elsewhere). */
    public static BuildContext of(Path root, IgnorePatterns ignore) throws IOException {
        return new BuildContext(root.toRealPath(), ignore);
    }

    /** The context directory, symbolic links resolved. */
    public Path root() {
        return root;
    }

    public IgnorePatterns ignore() {
        return ignore;
    }

    /** Whether the ignore file leaves {@code path} out. */
    public boolean isExcluded(String path) {
        return !path.equals(".") && ignore.excludes(path);
    }

    /** Everything the context sends, sorted by path: what a remote builder would receive. */
    public List<ContextEntry> files() {
        return walk(root);
    }

    /** The contents of a directory source, paths relative to it: what {@code COPY dir/ /dest} copies. */
    public List<ContextEntry> files(ContextSource directory) {
        if (!directory.directory()) {
            throw new IllegalArgumentException(directory.name() + " is not a directory");
        }
        return walk(directory.path());
    }

    /**
     * The context paths a COPY or ADD source names, in order: one for a plain path, every match
     * for a wildcard ({@code *.txt}, {@code src/*}, {@code [a-c].conf}: Go's {@code filepath.Match}
     * in each path segment, as docker matches sources). Excluded paths are not in the context.
     *
     * @throws ContextException when the source leads outside the context, matches nothing, or is
     *                          excluded, saying which
     */
    public List<ContextSource> resolve(String source) {
        if (source.isEmpty()) {
            throw new ContextException("empty COPY source");
        }
        boolean directoryOnly = source.endsWith("/") && !source.matches("/+");
        String relative = inContext(source);
        List<ContextSource> found = new ArrayList<>();
        if (!PathPatterns.hasWildcards(relative)) {
            if (isExcluded(relative)) {
                throw new ContextException("\"" + source + "\" is excluded from the build context by " + ignore.source());
            }
            found.add(check(source, relative, directoryOnly));
            return List.copyOf(found);
        }
        for (String match : glob(relative)) {
            if (!isExcluded(match)) {
                found.add(check(source, match, directoryOnly));
            }
        }
        if (found.isEmpty()) {
            throw new ContextException("no files in the build context match \"" + source + "\"");
        }
        return List.copyOf(found);
    }

    /** The source as a cleaned path relative to the root; {@code ..} above the root is refused. */
    private static String inContext(String source) {
        List<String> parts = new ArrayList<>();
        for (String part : source.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new ContextException("\"" + source + "\" is outside the build context: a COPY source "
                            + "cannot go above the context directory");
                }
                parts.remove(parts.size() - 1);
                continue;
            }
            parts.add(part);
        }
        return parts.isEmpty() ? "." : String.join("/", parts);
    }

    private ContextSource check(String source, String relative, boolean directoryOnly) {
        Path path = relative.equals(".") ? root : root.resolve(relative);
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new ContextException("\"" + source + "\" not found in the build context " + root);
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            throw new ContextException("\"" + source + "\" is a symbolic link to something that does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + path, e);
        }
        if (!real.startsWith(root)) {
            throw new ContextException("\"" + source + "\" is a symbolic link that points outside the build context ("
                    + real + ")");
        }
        String realRelative = real.equals(root) ? "." : slashes(root.relativize(real));
        if (!realRelative.equals(relative) && isExcluded(realRelative)) {
            throw new ContextException("\"" + source + "\" leads to \"" + realRelative + "\", which "
                    + ignore.source() + " excludes from the build context");
        }
        boolean directory = Files.isDirectory(real);
        if (directoryOnly && !directory) {
            throw new ContextException("\"" + source + "\" is not a directory");
        }
        return new ContextSource(relative, real, directory);
    }

    /** Matches a wildcard path segment by segment, listing directories as Go's filepath.Glob does. */
    private List<String> glob(String relative) {
        List<String> current = List.of("");
        for (String segment : relative.split("/")) {
            List<String> next = new ArrayList<>();
            Pattern p = PathPatterns.hasWildcards(segment) ? compile(segment) : null;
            for (String dir : current) {
                String prefix = dir.isEmpty() ? "" : dir + "/";
                if (p == null) {
                    if (Files.exists(root.resolve(prefix + segment), LinkOption.NOFOLLOW_LINKS)) {
                        next.add(prefix + segment);
                    }
                    continue;
                }
                Path d = dir.isEmpty() ? root : root.resolve(dir);
                if (!Files.isDirectory(d)) {
                    continue;
                }
                try (Stream<Path> entries = Files.list(d)) {
                    entries.map(e -> e.getFileName().toString()).filter(n -> p.matcher(n).matches()).sorted()
                            .forEach(n -> next.add(prefix + n));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + d, e);
                }
            }
            current = next;
        }
        return current;
    }

    private static Pattern compile(String segment) {
        try {
            return PathPatterns.compile(segment, false);
        } catch (IllegalArgumentException e) {
            throw new ContextException("COPY source: " + e.getMessage());
        }
    }

    /** Lists what is under {@code start}, skipping excluded paths (and whole subtrees when nothing can re-include them). */
    private List<ContextEntry> walk(Path start) {
        List<ContextEntry> entries = new ArrayList<>();
        String base = start.equals(root) ? "" : slashes(root.relativize(start));
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(start)) {
                        return FileVisitResult.CONTINUE;
                    }
                    String path = slashes(start.relativize(dir));
                    if (isExcluded(contextPath(base, path))) {
                        return ignore.hasExceptions() ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                    }
                    entries.add(new ContextEntry(path, dir, ContextEntry.Kind.DIRECTORY));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String path = slashes(start.relativize(file));
                    if (!isExcluded(contextPath(base, path)) && (attrs.isRegularFile() || attrs.isSymbolicLink())) {
                        entries.add(new ContextEntry(path, file,
                                attrs.isSymbolicLink() ? ContextEntry.Kind.SYMLINK : ContextEntry.Kind.FILE));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    throw new IOException("cannot read " + file + " in the build context: " + e.getMessage(), e);
                }
            });
        } catch (IOException e) {
            throw new ContextException(e.getMessage(), e);
        }
        entries.sort(Comparator.comparing(ContextEntry::path));
        return List.copyOf(entries);
    }

    private static String contextPath(String base, String path) {
        return base.isEmpty() ? path : base + "/" + path;
    }

    private static String slashes(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }
}
