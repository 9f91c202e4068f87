package dev.foxbox.runtime.box;

import dev.foxbox.image.layer.LayerUnpacker;
import dev.foxbox.image.layer.UnpackOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries out a {@link CopyJob} on a mounted root, as root of the boxes' user namespace: what
 * COPY and ADD do to the file system. Destination paths are resolved inside the root (a
 * symbolic link in the image never leads out of it); files keep their mode and modification
 * time and take the owner the job says.
 */
final class BuildCopier {

    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final Path root;
    private final Path fromRoot;
    /** Directories copied by {@link CopyJob.Node}, given their attributes last (copying into them changes their time). */
    private final List<Pending> directories = new ArrayList<>();

    private record Pending(Path source, Path target, CopyJob.Attributes attributes) {}

    BuildCopier(Path root, Path fromRoot) {
        this.root = root;
        this.fromRoot = fromRoot;
    }

    void apply(CopyJob.Op op) throws IOException {
        if (op instanceof CopyJob.Copy c) {
            copy(c);
        } else if (op instanceof CopyJob.Directory d) {
            directory(d.destination(), d.attributes());
        } else if (op instanceof CopyJob.Node n) {
            node(n);
        } else if (op instanceof CopyJob.Extract e) {
            Path dir = directory(e.destination(), e.attributes());
            try (InputStream in = Files.newInputStream(e.archive())) {
                new LayerUnpacker(dir, UnpackOptions.defaults().withNotes(System.err::println))
                        .apply(in, e.archive().getFileName().toString());
            }
        }
    }

    /** Sets the attributes of the directories {@link CopyJob.Node} made, deepest first. */
    void finish() throws IOException {
        for (int i = directories.size() - 1; i >= 0; i--) {
            Pending d = directories.get(i);
            attributes(d.source(), d.target(), true, d.attributes());
        }
    }

    /** One entry of a context directory: copied to exactly its destination, owned by root unless --chown says. */
    private void node(CopyJob.Node n) throws IOException {
        String destination = n.destination();
        Path parent = directory(parentOf(destination), n.attributes());
        Path target = parent.resolve(destination.substring(destination.lastIndexOf('/') + 1));
        if (Files.isDirectory(n.source(), NOFOLLOW)) {
            if (!Files.isDirectory(target, NOFOLLOW)) {
                Files.deleteIfExists(target);
                Files.createDirectory(target);
            }
            directories.add(new Pending(n.source(), target, n.attributes()));
            return;
        }
        copyEntry(n.source(), target, true, n.attributes());
    }

    private void copy(CopyJob.Copy c) throws IOException {
        List<Path> sources = c.fromStage() ? fromStage(c.source()) : List.of(Path.of(c.source()));
        boolean into = c.intoDirectory() || sources.size() > 1;
        for (Path source : sources) {
            if (Files.isDirectory(source)) { // symbolic links followed, as docker does for a named source
                Path target = directory(c.destination(), c.attributes());
                copyTree(source, target, c);
                continue;
            }
            Path dest = InRoot.resolve(root, c.destination());
            Path target;
            if (into || Files.isDirectory(dest)) {
                target = directory(c.destination(), c.attributes()).resolve(source.getFileName().toString());
            } else {
                directory(parentOf(c.destination()), c.attributes());
                target = dest;
            }
            copyEntry(source, target, c);
        }
    }

    /** The sources a {@code COPY --from} path names in the other root: wildcards in its last part. */
    private List<Path> fromStage(String source) throws IOException {
        String parent = parentOf(source);
        String name = source.substring(source.lastIndexOf('/') + 1);
        if (!name.matches(".*[*?\\[].*")) {
            Path path = InRoot.resolve(fromRoot, source);
            if (!Files.exists(path, NOFOLLOW)) {
                throw new NoSuchFileException(source, null, "not found in the --from root");
            }
            return List.of(path);
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + name);
        List<Path> matched = new ArrayList<>();
        Path dir = InRoot.resolve(fromRoot, parent);
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    if (matcher.matches(entry.getFileName())) {
                        matched.add(entry);
                    }
                }
            }
        }
        if (matched.isEmpty()) {
            throw new NoSuchFileException(source, null, "no file in the --from root matches");
        }
        matched.sort(null);
        return matched;
    }

    private void copyTree(Path source, Path target, CopyJob.Copy c) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path to = target.resolve(source.relativize(dir).toString());
                if (!dir.equals(source)) {
                    if (Files.isDirectory(to, NOFOLLOW)) {
                        return FileVisitResult.CONTINUE;
                    }
                    Files.deleteIfExists(to);
                    Files.createDirectory(to);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                copyEntry(file, target.resolve(source.relativize(file).toString()), c);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Path to = target.resolve(source.relativize(dir).toString());
                if (!dir.equals(source)) { // the destination directory keeps its own attributes
                    attributes(dir, to, c.ownerRoot(), c.attributes());
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void copyEntry(Path source, Path target, CopyJob.Copy c) throws IOException {
        copyEntry(source, target, c.ownerRoot(), c.attributes());
    }

    private static void copyEntry(Path source, Path target, boolean ownerRoot, CopyJob.Attributes a) throws IOException {
        if (Files.isDirectory(target, NOFOLLOW) && !Files.isDirectory(source, NOFOLLOW)) {
            throw new FileAlreadyExistsException(target.toString(), null, "cannot copy a file over a directory");
        }
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES,
                LinkOption.NOFOLLOW_LINKS);
        attributes(source, target, ownerRoot, a);
    }

    /** Owner, mode (set-id and sticky bits included) and modification time, as the job says. */
    private static void attributes(Path source, Path target, boolean ownerRoot, CopyJob.Attributes a) throws IOException {
        if (a.uid() >= 0) {
            owner(target, a.uid(), a.gid());
        } else if (ownerRoot) {
            owner(target, 0, 0);
        } else {
            owner(target, (Integer) Files.getAttribute(source, "unix:uid", NOFOLLOW),
                    (Integer) Files.getAttribute(source, "unix:gid", NOFOLLOW));
        }
        if (!Files.isSymbolicLink(target)) {
            int mode = a.mode() >= 0 ? a.mode() : (Integer) Files.getAttribute(source, "unix:mode", NOFOLLOW) & 07777;
            Files.setAttribute(target, "unix:mode", mode);
            FileTime mtime = Files.getLastModifiedTime(source, NOFOLLOW);
            Files.setLastModifiedTime(target, mtime);
        }
    }

    /** The directory {@code boxPath} in the root, made with its missing parents (0755) as the job's owner. */
    private Path directory(String boxPath, CopyJob.Attributes a) throws IOException {
        String prefix = "";
        Path dir = root;
        for (String part : boxPath.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            prefix = prefix + "/" + part;
            dir = InRoot.resolve(root, prefix);
            if (!Files.isDirectory(dir)) {
                Files.deleteIfExists(dir);
                Files.createDirectory(dir);
                owner(dir, Math.max(a.uid(), 0), Math.max(a.gid(), 0));
                Files.setAttribute(dir, "unix:mode", 0755);
            }
        }
        return dir;
    }

    private static void owner(Path path, long uid, long gid) throws IOException {
        Files.setAttribute(path, "unix:uid", (int) uid, NOFOLLOW);
        Files.setAttribute(path, "unix:gid", (int) gid, NOFOLLOW);
    }

    private static String parentOf(String boxPath) {
        int slash = boxPath.lastIndexOf('/');
        return slash <= 0 ? "/" : boxPath.substring(0, slash);
    }
}
