package dev.foxbox.runtime.box;

import dev.foxbox.image.DataRoot;
import dev.foxbox.image.LocalImages;
import dev.foxbox.image.layer.ChangeSet;
import dev.foxbox.image.layer.Compression;
import dev.foxbox.image.layer.LayerWriter;
import dev.foxbox.image.layer.OverlayUpperDiff;
import dev.foxbox.image.layer.WriteOptions;
import dev.foxbox.image.layer.WrittenLayer;
import dev.foxbox.image.store.BlobWriter;
import dev.foxbox.image.store.ImageStore;
import dev.foxbox.image.store.LockFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The build's layer worker ({@link LayerWorker}): a JVM that the helper started as root of a
 * user namespace with the boxes' id maps and with a mount namespace of its own, so that it reads
 * and writes files as the box's users own them.
 *
 * <pre>
 * LayerMain worker DATA_ROOT
 *   diff UPPER [PATH=LOWER...]   an overlay upper directory as a layer (whiteouts included), less the mount
 *                                points a box made: each PATH that is empty, and was not in the layers below
 *                                (LOWER empty) or was a directory just like LOWER
 *   copy JOB DIR [MOUNT...]      mounts (target, type, flags, data each), carries out the {@link CopyJob} on
 *                                the overlay at DIR/merged (reading DIR/from), then DIR/upper as a layer
 * </pre>
 * Requests come a line each on stdin; each gets a line on stdout, {@code ok DIGEST SIZE DIFF_ID}
 * (the layer, stored gzip-compressed) or {@code error MESSAGE}. Notes go to stderr.
 */
public final class LayerMain {

    private LayerMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !args[0].equals("worker")) {
            System.err.println("usage: LayerMain worker DATA_ROOT");
            System.exit(2);
        }
        PrintStream answers = System.out;
        System.setOut(System.err); // nothing but answers on stdout
        ImageStore store = LocalImages.open(new DataRoot(Path.of(args[1]))).store();
        Mounts.makeRootSlave();
        BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = requests.readLine()) != null; ) {
            List<String> f = LayerWorker.decode(line);
            String answer;
            try {
                answer = "ok\t" + LayerWorker.encode(switch (f.get(0)) {
                    case "diff" -> diff(store, f);
                    case "copy" -> copy(store, f);
                    default -> throw new IllegalArgumentException("unknown request " + f.get(0));
                });
            } catch (Exception e) {
                answer = "error\t" + LayerWorker.encode(List.of(message(e)));
            }
            answers.println(answer);
            answers.flush();
        }
        System.exit(0);
    }

    private static List<String> diff(ImageStore store, List<String> f) throws Exception {
        Path upper = Path.of(f.get(1));
        for (String drop : f.subList(2, f.size())) {
            int eq = drop.indexOf('=');
            String lower = drop.substring(eq + 1);
            dropIfEmpty(upper.resolve(drop.substring(1, eq)), lower.isEmpty() ? null : Path.of(lower));
        }
        return write(store, OverlayUpperDiff.changes(upper));
    }

    private static List<String> copy(ImageStore store, List<String> f) throws Exception {
        Path dir = Path.of(f.get(2));
        CopyJob job = CopyJob.read(Path.of(f.get(1)), dir);
        List<Path> mounted = new ArrayList<>();
        try {
            for (int i = 3; i + 3 < f.size(); i += 4) {
                Path target = Path.of(f.get(i));
                long flags = f.get(i + 2).equals("ro") ? Mounts.MS_RDONLY : 0;
                if (f.get(i + 1).equals("bind")) {
                    Mounts.mount(f.get(i + 3), target, null, Mounts.MS_BIND | Mounts.MS_REC, null);
                } else {
                    Mounts.mount(f.get(i + 1), target, f.get(i + 1), flags, f.get(i + 3));
                }
                mounted.add(0, target);
            }
            BuildCopier copier = new BuildCopier(dir.resolve("merged"), job.fromLowers().isEmpty() ? null : dir.resolve("from"));
            for (CopyJob.Op op : job.ops()) {
                copier.apply(op);
            }
            copier.finish();
        } finally {
            for (Path target : mounted) {
                Mounts.detach(target);
            }
        }
        return write(store, OverlayUpperDiff.changes(dir.resolve("upper")));
    }

    private static String message(Exception e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getFile() + ": " + f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /**
     * Removes a mount point the box made from the upper directory: an empty file or directory
     * that {@code lower} (the layers' own, or null) did not have, or an empty directory that
     * overlay copied up only to make one inside it (same owner and mode as {@code lower}).
     */
    private static void dropIfEmpty(Path path, Path lower) throws IOException {
        LinkOption nofollow = LinkOption.NOFOLLOW_LINKS;
        if (lower == null && Files.isRegularFile(path, nofollow) && Files.size(path) == 0) {
            Files.delete(path);
        } else if (Files.isDirectory(path, nofollow) && !Files.isSymbolicLink(path)) {
            try (var entries = Files.list(path)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            }
            if (lower == null || (Files.isDirectory(lower, nofollow) && sameOwnerAndMode(path, lower))) {
                Files.delete(path);
            }
        }
    }

    private static boolean sameOwnerAndMode(Path a, Path b) throws IOException {
        for (String attribute : List.of("unix:uid", "unix:gid", "unix:mode")) {
            if (!Files.getAttribute(a, attribute, LinkOption.NOFOLLOW_LINKS)
                    .equals(Files.getAttribute(b, attribute, LinkOption.NOFOLLOW_LINKS))) {
                return false;
            }
        }
        // an opaque directory (user.overlay.opaque) hides what was below: a change
        var xattrs = Files.getFileAttributeView(a, java.nio.file.attribute.UserDefinedFileAttributeView.class);
        return xattrs == null || !xattrs.list().contains("overlay.opaque");
    }

    private static List<String> write(ImageStore store, ChangeSet changes) throws Exception {
        try (LockFile.Held writing = store.writing(); BlobWriter blob = store.blobs().newWriter()) {
            WrittenLayer layer = new LayerWriter(WriteOptions.fromEnvironment()).write(changes, Compression.GZIP, blob);
            blob.commit(layer.digest());
            return List.of(layer.digest().toString(), Long.toString(layer.size()), layer.diffId().toString());
        }
    }
}
