package dev.foxbox.image.layer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Whole-subtree operations inside an unpack root; symlinks are never followed. */
final class Trees {

    private Trees() {}

    /**
     * Deletes {@code path} and, when it is a real directory, everything below it. Directories
     * are made owner-rwx first so that an unprivileged user can empty a 0555 or 0000 directory.
     * The caller guarantees that the parents of {@code path} are real directories in the root.
     */
    static void deleteRecursively(Path path) throws IOException {
        Stat stat = Stat.ofOrNull(path);
        if (stat == null) {
            return;
        }
        if (stat.isDirectory()) {
            if ((stat.permissions() & 0700) != 0700) {
                Syscalls.chmod(path, 0700);
            }
            for (Path child : children(path)) {
                deleteRecursively(child);
            }
        }
        Files.delete(path);
    }

    /** The entries of a real directory, read before anything in it changes. */
    static List<Path> children(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(out::add);
        }
        return out;
    }
}
