package dev.foxbox.runtime.box;

import dev.foxbox.image.DataRoot;
import dev.foxbox.image.FileTrees;
import dev.foxbox.image.LocalImages;
import dev.foxbox.image.store.StoredImage;
import dev.foxbox.runtime.ids.IdMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Writing and removing files that belong to boxes' ids. With subordinate ids, files owned by
 * the box's users are owned by subordinate ids on the host, which only root of a user namespace
 * with the same maps can chown or delete; otherwise this JVM does it directly.
 */
final class BoxFiles {

    private final DataRoot root;
    private final LocalImages images;
    private final IdMapping ids;
    private final boolean inUserNamespace;
    private final UserNamespaceCommand unshare;

    BoxFiles(DataRoot root, LocalImages images, IdMapping ids, long uid, Path helper) {
        this.root = root;
        this.images = images;
        this.ids = ids;
        this.inUserNamespace = uid != 0 && ids.mapsManyIds();
        this.unshare = new UserNamespaceCommand(helper, ids, root.tmp());
    }

    /** Flattens the image into {@code target} (which must not exist), keeping its files' owners. */
    void unpack(StoredImage image, Path target) throws IOException {
        if (!inUserNamespace) {
            images.unpack(imageRef(image), target, note -> { });
            return;
        }
        // The JVM, started as root of a user namespace with the boxes' maps, unpacks with owners.
        unshare.run(UserNamespaceCommand.java(UnpackMain.class, root.dir().toString(), imageRef(image), target.toString()));
    }

    /** Deletes a tree, whoever of the box's users owns its files. */
    void remove(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // Only files of ids other than the box's root need the user namespace; a box that made
        // none (most --rm boxes) is deleted here, without starting one.
        if (inUserNamespace && ownedByOthers(path)) {
            unshare.run(List.of("/bin/rm", "-rf", "--one-file-system", path.toString()));
        } else {
            FileTrees.deleteRecursively(path, false);
        }
    }

    /**
     * Whether anything under {@code path} belongs to another owner than this user. Directories of
     * ours that we may not read (overlay's work/work is mode 000) are opened up: they are about
     * to be deleted anyway.
     */
    private static boolean ownedByOthers(Path path) throws IOException {
        int me = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        boolean[] others = {false};
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a)
                    throws IOException {
                return check(dir);
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes a)
                    throws IOException {
                return check(file);
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (check(file) == FileVisitResult.CONTINUE && Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    // chmod by path: a no-follow chmod opens the file first, which mode 000 forbids.
                    Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
                    others[0] |= ownedByOthers(file);
                }
                return others[0] ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }

            private FileVisitResult check(Path p) throws IOException {
                if ((Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS) != me) {
                    others[0] = true;
                    return FileVisitResult.TERMINATE;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return others[0];
    }

    /** Copies an image's root into a box's own directory, owners kept: the no-overlay fallback. */
    void copyTree(Path from, Path to) throws IOException {
        List<String> argv = List.of("/bin/cp", "-a", "--", from + "/.", to.toString());
        if (inUserNamespace) {
            unshare.run(argv);
            return;
        }
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException("copying " + from + " to " + to + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    IdMapping ids() {
        return ids;
    }

    /** The image by its manifest digest: unambiguous, whatever it is tagged. */
    private static String imageRef(StoredImage image) {
        return image.id().hex();
    }
}
