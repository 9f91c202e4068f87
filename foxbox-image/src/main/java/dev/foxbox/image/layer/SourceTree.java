package dev.foxbox.image.layer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A walk over a directory on the host that never follows symlinks. */
final class SourceTree {

    interface Visitor {
        /** Called for every node below the root; returning false skips a directory's contents. */
        boolean visit(InRootPath path, Stat stat) throws IOException;
    }

    private SourceTree() {}

    static void walk(Path root, Visitor visitor) throws IOException {
        walk(root, InRootPath.ROOT, visitor);
    }

    private static void walk(Path root, InRootPath dir, Visitor visitor) throws IOException {
        List<String> names = new ArrayList<>();
        for (Path child : Trees.children(dir.under(root))) {
            names.add(child.getFileName().toString());
        }
        names.sort(PathOrder::compare);
        for (String name : names) {
            InRootPath path = dir.child(name);
            Stat stat = Stat.of(path.under(root));
            if (visitor.visit(path, stat) && stat.isDirectory()) {
                walk(root, path, visitor);
            }
        }
    }
}
