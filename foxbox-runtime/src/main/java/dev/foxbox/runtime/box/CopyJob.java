package dev.foxbox.runtime.box;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a COPY or ADD step puts into a build's root file system, worked out by the builder and
 * carried out by {@link LayerMain} inside the boxes' user namespace, over the step's overlay.
 *
 * @param lowers     the step's root, topmost layer first
 * @param dir        a fresh directory for the step's changes ({@code dir/upper}) and mounts
 * @param fromLowers the layers of the stage or image that {@code COPY --from} reads, or empty
 * @param ops        the copies, in order
 */
public record CopyJob(List<Path> lowers, Path dir, List<Path> fromLowers, List<Op> ops) {

    /** Owner and mode of what a copy makes: -1 keeps the source's (or root's, for created directories). */
    public record Attributes(long uid, long gid, int mode) {
        public static final Attributes SOURCE = new Attributes(-1, -1, -1);
    }

    public sealed interface Op {}

    /**
     * Copies {@code source} to {@code destination} as COPY does: a file to the destination path
     * (into it when it is a directory or {@code intoDirectory} is set), a directory's contents
     * into the destination directory, a symbolic link as a link.
     *
     * @param source    a host path, or (when {@code fromStage}) a path in the {@code --from} root, wildcards allowed
     * @param ownerRoot whether the copy is owned by root:root when {@code attributes} do not say
     *                  (files from the build context) rather than keeping the source's owner
     */
    public record Copy(String source, boolean fromStage, String destination, boolean intoDirectory,
                       boolean ownerRoot, Attributes attributes) implements Op {}

    /** Makes the directory {@code destination} (and its parents) unless it is there: where a directory's entries go. */
    public record Directory(String destination, Attributes attributes) implements Op {}

    /**
     * Copies one file, link or directory (not its contents; a directory gets its attributes
     * once the job is done) from the host to exactly {@code destination}: a build context's
     * directory is copied entry by entry, so that what it excludes stays out.
     */
    public record Node(Path source, String destination, Attributes attributes) implements Op {}

    /** Unpacks a tar archive (plain or compressed) from the host into the destination directory: ADD. */
    public record Extract(Path archive, String destination, Attributes attributes) implements Op {}

    /** The job as lines of percent-encoded, tab-separated fields, for {@link LayerMain}. */
    void write(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(join("lowers", lowers.stream().map(Path::toString).toList()));
        lines.add(join("from", fromLowers.stream().map(Path::toString).toList()));
        for (Op op : ops) {
            if (op instanceof Copy c) {
                lines.add(join("copy", List.of(c.source(), flag(c.fromStage()), c.destination(), flag(c.intoDirectory()),
                        flag(c.ownerRoot()), attributes(c.attributes()))));
            } else if (op instanceof Directory d) {
                lines.add(join("directory", List.of(d.destination(), attributes(d.attributes()))));
            } else if (op instanceof Node n) {
                lines.add(join("node", List.of(n.source().toString(), n.destination(), attributes(n.attributes()))));
            } else if (op instanceof Extract e) {
                lines.add(join("extract", List.of(e.archive().toString(), e.destination(), attributes(e.attributes()))));
            }
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    static CopyJob read(Path file, Path dir) throws IOException {
        List<Path> lowers = List.of();
        List<Path> from = List.of();
        List<Op> ops = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            List<String> f = split(line);
            switch (f.get(0)) {
                case "lowers" -> lowers = f.subList(1, f.size()).stream().map(Path::of).toList();
                case "from" -> from = f.subList(1, f.size()).stream().map(Path::of).toList();
                case "copy" -> ops.add(new Copy(f.get(1), f.get(2).equals("1"), f.get(3), f.get(4).equals("1"),
                        f.get(5).equals("1"), attributes(f.get(6))));
                case "directory" -> ops.add(new Directory(f.get(1), attributes(f.get(2))));
                case "node" -> ops.add(new Node(Path.of(f.get(1)), f.get(2), attributes(f.get(3))));
                case "extract" -> ops.add(new Extract(Path.of(f.get(1)), f.get(2), attributes(f.get(3))));
                default -> throw new IOException("unknown copy operation " + f.get(0));
            }
        }
        return new CopyJob(lowers, dir, from, ops);
    }

    private static String flag(boolean b) {
        return b ? "1" : "0";
    }

    private static String attributes(Attributes a) {
        return a.uid() + ":" + a.gid() + ":" + a.mode();
    }

    private static Attributes attributes(String s) {
        String[] p = s.split(":");
        return new Attributes(Long.parseLong(p[0]), Long.parseLong(p[1]), Integer.parseInt(p[2]));
    }

    private static String join(String kind, List<String> fields) {
        StringBuilder b = new StringBuilder(kind);
        for (String f : fields) {
            b.append('\t').append(URLEncoder.encode(f, StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        for (String f : line.split("\t", -1)) {
            out.add(URLDecoder.decode(f, StandardCharsets.UTF_8));
        }
        return out;
    }
}
