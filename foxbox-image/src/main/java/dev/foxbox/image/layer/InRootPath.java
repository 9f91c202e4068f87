package dev.foxbox.image.layer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A lexically clean path relative to an unpack root: no empty, {@code .} or {@code ..}
 * components. The empty path is the root itself.
 *
 * <p>Being clean says nothing about symlinks on disk; {@link RootResolver} turns an InRootPath
 * into one whose every parent is a real directory.
 */
record InRootPath(List<String> components) implements Comparable<InRootPath> {

    static final InRootPath ROOT = new InRootPath(List.of());

    InRootPath {
        components = List.copyOf(components);
        for (String c : components) {
            if (c.isEmpty() || c.equals(".") || c.equals("..") || c.indexOf('/') >= 0) {
                throw new IllegalArgumentException("not a clean path component: '" + c + "'");
            }
        }
    }

    /**
     * Cleans a relative name the way {@code path.Clean} would, or returns empty when a
     * {@code ..} climbs above the root. Callers refuse absolute names before calling this.
     */
    static Optional<InRootPath> clean(String name) {
        List<String> out = new ArrayList<>();
        for (String c : name.split("/", -1)) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (out.isEmpty()) {
                    return Optional.empty();
                }
                out.remove(out.size() - 1);
            } else {
                out.add(c);
            }
        }
        return Optional.of(new InRootPath(out));
    }

    boolean isRoot() {
        return components.isEmpty();
    }

    /** The last component; the root has none. */
    String name() {
        return components.get(components.size() - 1);
    }

    InRootPath parent() {
        return new InRootPath(components.subList(0, components.size() - 1));
    }

    InRootPath child(String name) {
        List<String> longer = new ArrayList<>(components);
        longer.add(name);
        return new InRootPath(longer);
    }

    Path under(Path root) {
        return isRoot() ? root : root.resolve(toString());
    }

    /** Byte-wise order of the joined path, which puts every directory before what it contains. */
    @Override
    public int compareTo(InRootPath other) {
        return PathOrder.compare(toString(), other.toString());
    }

    @Override
    public String toString() {
        return String.join("/", components);
    }
}
