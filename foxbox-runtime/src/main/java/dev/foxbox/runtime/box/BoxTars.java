package dev.foxbox.runtime.box;

import dev.foxbox.image.DataRoot;
import dev.foxbox.image.FileTrees;
import dev.foxbox.image.store.ThisProcess;
import dev.foxbox.runtime.helper.Step;
import dev.foxbox.runtime.ids.IdMapping;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A box's files as a tar, read where every file can be read: in a user namespace with the boxes'
 * id maps (a box's files can belong to subordinate ids that this user may not read), by
 * {@link BoxTarMain} in a JVM the helper starts there, whose stdout is the tar.
 *
 * <ul>
 *   <li>{@link #export}: what the box sees. In a new mount namespace the helper mounts a
 *       read-only overlay whose lower layers are the box's upper directory over its image's root
 *       ({@code lowerdir=UPPER:IMAGE}, so overlay itself applies the box's whiteouts and opaque
 *       directories), and the whole tree is written. The same for stopped and running boxes: no
 *       upper or work directory is shared with the box's own mount, so a running box is not
 *       disturbed; it is exported as it is at that moment (stop it for a consistent copy).
 *       Without overlay in user namespaces a box's upper directory is its whole root, and is
 *       bound instead.</li>
 *   <li>{@link #changes}: the box's upper directory as a layer (whiteouts as {@code .wh.}
 *       entries, opaque directories as {@code .wh..wh..opq}), for a commit.</li>
 * </ul>
 * The tar reaches the caller's stream only through the helper's stdout; a failure in the
 * namespace is reported, with its last line of error output, once the stream has ended.
 */
final class BoxTars {

    private final DataRoot root;
    private final UserNamespaceCommand unshare;

    BoxTars(DataRoot root, Path helper, IdMapping ids) {
        this.root = root;
        this.unshare = new UserNamespaceCommand(helper, ids, root.tmp());
    }

    /** Writes the box's whole file system to {@code out}. */
    void export(BoxDirs dirs, Path imageRoot, boolean overlay, OutputStream out) throws IOException {
        Files.createDirectories(root.tmp());
        // Named as the store's temporary files are, so that garbage collection removes one a crash left.
        Path mountPoint = Files.createDirectory(root.tmp().resolve("export-" + ThisProcess.pid() + "-"
                + Long.toHexString(System.nanoTime()) + ".partial"));
        try {
            Step mount = overlay
                    ? new Step.Rootfs("overlay", mountPoint, "overlay", "ro", "lowerdir=" + BoxPlanner.escape(dirs.upper())
                            + ":" + BoxPlanner.escape(imageRoot) + ",userxattr")
                    : new Step.Rootfs(dirs.upper().toString(), mountPoint, "bind", "", "");
            run(List.of(mount), List.of("tree", mountPoint.toString()), out);
        } finally {
            FileTrees.deleteRecursively(mountPoint, false);
        }
    }

    /** Writes the box's changes over its image's root, as one layer's tar, to {@code out}. */
    void changes(BoxDirs dirs, Path imageRoot, OutputStream out) throws IOException {
        run(List.of(), List.of("changes", dirs.upper().toString(), imageRoot.toString()), out);
    }

    private void run(List<Step> mounts, List<String> args, OutputStream out) throws IOException {
        try {
            unshare.run(mounts, UserNamespaceCommand.java(BoxTarMain.class, args.toArray(String[]::new)), out);
        } catch (UserNamespaceCommand.Failed e) {
            throw new IOException("reading the box's files failed" + (e.lastLine.isEmpty() ? "" : ": " + e.lastLine), e);
        }
    }
}
