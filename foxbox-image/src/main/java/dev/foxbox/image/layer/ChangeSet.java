package dev.foxbox.image.layer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a layer should record: changes to paths, whose current content is read from
 * {@code source}. Changes are kept in the order the layer is written in (see
 * {@link Change#entryName()}), so a change set is also a reproducible description of a layer.
 *
 * <p>A path is added or deleted, once; a directory may be both added and marked opaque.
 */
public record ChangeSet(Path source, List<Change> changes) {

    public ChangeSet {
        if (source == null) {
            throw new IllegalArgumentException("change set has no source directory");
        }
        source = source.toAbsolutePath();
        List<Change> sorted = new ArrayList<>(changes);
        sorted.sort(null);
        Map<String, Change> seen = new HashMap<>();
        for (Change change : sorted) {
            // an added or deleted path is one node; opacity is a separate mark on a directory
            String key = (change instanceof Change.Opaque ? "opaque:" : "node:") + change.path();
            Change other = seen.putIfAbsent(key, change);
            if (other != null) {
                throw new IllegalArgumentException("change set names '" + change.path() + "' twice: "
                        + other + " and " + change);
            }
        }
        changes = List.copyOf(sorted);
    }

    /** Every node below {@code dir} (not {@code dir} itself) as an addition: a layer of the whole tree. */
    public static ChangeSet ofTree(Path dir) throws IOException {
        List<Change> changes = new ArrayList<>();
        SourceTree.walk(dir, (path, stat) -> {
            changes.add(new Change.Added(path.toString()));
            return true;
        });
        return new ChangeSet(dir, changes);
    }
}
