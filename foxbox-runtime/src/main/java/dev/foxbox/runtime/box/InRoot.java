package dev.foxbox.runtime.box;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads files of a box's root file system from the host, resolving symlinks as the box would
 * see them: an absolute target starts at the box's root, and ".." stops there. An image whose
 * /etc/passwd links to the host's never makes foxbox read the host's file.
 */
final class InRoot {

    private static final int MAX_LINKS = 40;

    private InRoot() {}

    /** The host path of {@code boxPath} under {@code root}, symlinks followed inside the root. */
    static Path resolve(Path root, String boxPath) throws IOException {
        Deque<String> todo = new ArrayDeque<>();
        for (String part : split(boxPath)) { // not new ArrayDeque<>(list): that links a lambda
            todo.add(part);
        }
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pop();
            if (part.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            Path candidate = join(root, done).resolve(part);
            if (Files.isSymbolicLink(candidate)) {
                if (++links > MAX_LINKS) {
                    throw new IOException("too many symlinks resolving " + boxPath + " in " + root);
                }
                String target = Files.readSymbolicLink(candidate).toString();
                if (target.startsWith("/")) {
                    done.clear();
                }
                List<String> parts = split(target);
                for (int i = parts.size() - 1; i >= 0; i--) {
                    todo.push(parts.get(i));
                }
                continue;
            }
            done.add(part);
        }
        return join(root, done);
    }

    /** The file's content, or null when it does not exist in the box. */
    static List<String> readLines(Path root, String boxPath) throws IOException {
        Path file = resolve(root, boxPath);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            return Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static List<String> split(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (!p.isEmpty() && !p.equals(".")) {
                parts.add(p);
            }
        }
        return parts;
    }

    private static Path join(Path root, List<String> parts) {
        Path p = root;
        for (String part : parts) {
            p = p.resolve(part);
        }
        return p;
    }
}
