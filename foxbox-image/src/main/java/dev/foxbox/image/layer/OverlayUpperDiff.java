package dev.foxbox.image.layer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The changes an overlayfs upper directory holds, read from the upper directory alone: the
 * builder finds what a step changed without walking the whole root filesystem.
 *
 * <p>overlayfs records a deletion as a character device 0:0 and a directory that hides the
 * lower one entirely as a directory with {@code trusted.overlay.opaque="y"} (or
 * {@code user.overlay.opaque="y"} when mounted with {@code userxattr}, as rootless overlay is).
 * Everything else in the upper directory was created or copied up, and is an addition.
 *
 * <p>Assumes the overlay was mounted without {@code metacopy} and {@code redirect_dir}, with
 * which the upper directory no longer holds whole files and directories.
 */
public final class OverlayUpperDiff {

    private static final byte[] YES = "y".getBytes(StandardCharsets.US_ASCII);

    private OverlayUpperDiff() {}

    /** The change set of {@code upper}, whose additions are read from {@code upper} itself. */
    public static ChangeSet changes(Path upper) throws IOException {
        List<Change> changes = new ArrayList<>();
        SourceTree.walk(upper, (path, stat) -> {
            if (stat.type() == Stat.S_IFCHR && stat.rdev() == 0) {
                changes.add(new Change.Deleted(path.toString()));
                return false;
            }
            changes.add(new Change.Added(path.toString()));
            if (stat.isDirectory() && isOpaque(path.under(upper))) {
                changes.add(new Change.Opaque(path.toString()));
            }
            return true;
        });
        return new ChangeSet(upper, changes);
    }

    private static boolean isOpaque(Path dir) throws IOException {
        return Arrays.equals(YES, Xattrs.get(dir, "trusted.overlay.opaque"))
                || Arrays.equals(YES, Xattrs.get(dir, "user.overlay.opaque"));
    }
}
