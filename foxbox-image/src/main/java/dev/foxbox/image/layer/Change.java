package dev.foxbox.image.layer;

/**
 * One change a layer records, by a clean relative path ({@code usr/bin/tool}: no leading
 * slash, no {@code .} or {@code ..}, no empty components).
 */
public sealed interface Change extends Comparable<Change> {

    String path();

    /** The tar entry name this change is written as; layers are ordered by it. */
    String entryName();

    @Override
    default int compareTo(Change other) {
        return PathOrder.compare(entryName(), other.entryName());
    }

    /** The node at {@code path} in the source directory, as it is there now. */
    record Added(String path) implements Change {
        public Added {
            checkPath(path);
        }

        @Override
        public String entryName() {
            return path;
        }
    }

    /** {@code path} was deleted: written as a {@code .wh.NAME} whiteout. */
    record Deleted(String path) implements Change {
        public Deleted {
            checkPath(path);
        }

        @Override
        public String entryName() {
            int slash = path.lastIndexOf('/');
            return path.substring(0, slash + 1) + Whiteouts.PREFIX + path.substring(slash + 1);
        }
    }

    /** The directory at {@code path} hides everything earlier layers had in it: {@code .wh..wh..opq}. */
    record Opaque(String path) implements Change {
        public Opaque {
            checkPath(path);
        }

        @Override
        public String entryName() {
            return path + "/" + Whiteouts.OPAQUE;
        }
    }

    private static void checkPath(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/")
                || !InRootPath.clean(path).map(InRootPath::toString).orElse("").equals(path)) {
            throw new IllegalArgumentException("not a clean relative path: '" + path + "'");
        }
    }
}
