package dev.foxbox.runtime.box;

import dev.foxbox.image.DataRoot;
import dev.foxbox.image.LocalImages;
import dev.foxbox.image.layer.ChangeSet;
import dev.foxbox.image.layer.Compression;
import dev.foxbox.image.layer.LayerUnpacker;
import dev.foxbox.image.layer.LayerWriter;
import dev.foxbox.image.layer.OverlayUpperDiff;
import dev.foxbox.image.layer.UnpackOptions;
import dev.foxbox.image.layer.WriteOptions;
import dev.foxbox.image.layer.WrittenLayer;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.store.BlobWriter;
import dev.foxbox.image.store.ImageStore;
import dev.foxbox.image.store.LockFile;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Layer work that needs to see files as a box's users own them: run by {@link StepRunner} in a
 * JVM that the helper started as root of a user namespace with the boxes' id maps.
 *
 * <pre>
 * LayerMain diff   DATA_ROOT UPPER [PATH=LOWER...]
 *                                             an overlay upper directory as a layer (whiteouts included), less
 *                                             the mount points a box made: each PATH that is empty, and was not
 *                                             in the layers below (LOWER empty) or was a directory just like LOWER
 * LayerMain copy   DATA_ROOT JOB DIR          a {@link CopyJob} carried out on the overlay mounted at DIR/merged
 *                                             (and DIR/from), then DIR/upper as a layer
 * LayerMain unpack DATA_ROOT LAYER_DIGEST DIR a layer blob from the store unpacked, owners kept
 * </pre>
 * The first two store the layer (gzip) and print "digest size diffId" on stdout.
 */
public final class LayerMain {

    private LayerMain() {}

    public static void main(String[] args) {
        try {
            ImageStore store = LocalImages.open(new DataRoot(Path.of(args[1]))).store();
            switch (args[0]) {
                case "diff" -> {
                    Path upper = Path.of(args[2]);
                    for (int i = 3; i < args.length; i++) {
                        int eq = args[i].indexOf('=');
                        String lower = args[i].substring(eq + 1);
                        dropIfEmpty(upper.resolve(args[i].substring(1, eq)), lower.isEmpty() ? null : Path.of(lower));
                    }
                    write(store, OverlayUpperDiff.changes(upper), WriteOptions.fromEnvironment());
                }
                case "copy" -> {
                    Path dir = Path.of(args[3]);
                    CopyJob job = CopyJob.read(Path.of(args[2]), dir);
                    BuildCopier copier = new BuildCopier(dir.resolve("merged"),
                            job.fromLowers().isEmpty() ? null : dir.resolve("from"));
                    for (CopyJob.Op op : job.ops()) {
                        copier.apply(op);
                    }
                    copier.finish();
                    write(store, OverlayUpperDiff.changes(dir.resolve("upper")), WriteOptions.fromEnvironment());
                }
                case "unpack" -> {
                    try (InputStream in = store.blobs().open(Digest.parse(args[2]))) {
                        new LayerUnpacker(Path.of(args[3]), UnpackOptions.defaults().withNotes(System.err::println))
                                .apply(in, args[2]);
                    }
                }
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            }
        } catch (Exception e) {
            System.err.println(e instanceof java.nio.file.FileSystemException f && f.getReason() != null
                    ? f.getFile() + ": " + f.getReason() : String.valueOf(e.getMessage()));
            System.exit(1);
        }
        System.exit(0);
    }

    /**
     * Removes a mount point the box made from the upper directory: an empty file or directory
     * that {@code lower} (the layers' own, or null) did not have, or an empty directory that
     * overlay copied up only to make one inside it (same owner and mode as {@code lower}).
     */
    private static void dropIfEmpty(Path path, Path lower) throws java.io.IOException {
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

    private static boolean sameOwnerAndMode(Path a, Path b) throws java.io.IOException {
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

    static void write(ImageStore store, ChangeSet changes, WriteOptions options) throws Exception {
        try (LockFile.Held writing = store.writing(); BlobWriter blob = store.blobs().newWriter()) {
            WrittenLayer layer = new LayerWriter(options).write(changes, Compression.GZIP, blob);
            blob.commit(layer.digest());
            System.out.println(layer.digest() + " " + layer.size() + " " + layer.diffId());
        }
    }
}
