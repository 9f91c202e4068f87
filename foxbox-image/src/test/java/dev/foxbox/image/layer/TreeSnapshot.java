package dev.foxbox.image.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import dev.foxbox.image.model.Digest;

/** A comparable description of every node under a directory: type, mode, times, content, links. */
final class TreeSnapshot {

    private TreeSnapshot() {}

    /** Every node under {@code dir}, except those under {@code skip} (may be null). */
    static SortedMap<String, String> of(Path dir, Path skip) throws IOException {
        SortedMap<String, String> out = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (skip != null && p.startsWith(skip)) {
                    continue;
                }
                out.put(dir.relativize(p).toString(), describe(p));
            }
        }
        return out;
    }

    static String describe(Path p) throws IOException {
        Stat s = Stat.of(p);
        StringBuilder d = new StringBuilder()
                .append(Integer.toOctalString(s.mode()))
                .append(" uid=").append(s.uid()).append(" gid=").append(s.gid())
                .append(" mtime=").append(s.mtime());
        if (s.isRegularFile() && Files.isReadable(p)) {
            d.append(" sha256=").append(Digest.sha256(Files.readAllBytes(p)).hex(), 0, 12);
        } else if (s.isSymlink()) {
            d.append(" -> ").append(Syscalls.readlink(p));
        } else if (!s.isDirectory()) {
            d.append(" rdev=").append(s.rdev());
        }
        Xattrs.read(p).forEach((k, v) -> d.append(' ').append(k).append('=').append(HexFormat.of().formatHex(v)));
        return d.toString();
    }

    static boolean isRoot() {
        return Syscalls.geteuid() == 0;
    }
}
