package dev.foxbox.runtime.box;

import dev.foxbox.image.DataRoot;
import dev.foxbox.image.FileTrees;
import dev.foxbox.image.LocalImages;
import dev.foxbox.image.store.StoredImage;
import dev.foxbox.runtime.ids.IdMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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
        if (!inUserNamespace) {
            FileTrees.deleteRecursively(path, false);
            return;
        }
        // Only files of ids other than the box's root need the user namespace: what is ours goes
        // as the walk meets it, and a box that made no others' files (most --rm boxes) is gone at
        // the end of one walk, without starting a namespace. At the first file of another id, the
        // rest is left to rm -rf as root of a user namespace with the boxes' maps.
        if (!deleteOwn(path)) {
            unshare.run(List.of("/bin/rm", "-rf", "--one-file-system", path.toString()));
        }
    }

    /**
     * Deletes {@code path}'s tree while everything in it belongs to this user; false, with the
     * rest left in place, at the first entry of another owner. Directories of ours that we may
     * not read or change (overlay's work/work is mode 000) are opened up first.
     */
    private static boolean deleteOwn(Path path) throws IOException {
        int me = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        boolean[] ours = {true};
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) throws IOException {
                if (!isMine(dir)) {
                    return FileVisitResult.TERMINATE;
                }
                openUp(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
                if (!isMine(file)) {
                    return FileVisitResult.TERMINATE;
                }
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                if (!isMine(file)) {
                    return FileVisitResult.TERMINATE;
                }
                if (!Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }
                openUp(file);
                ours[0] = deleteOwn(file);
                return ours[0] ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }

            private boolean isMine(Path p) throws IOException {
                ours[0] = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS) == me;
                return ours[0];
            }
        });
        return ours[0];
    }

    /**
     * rwx for the owner, so that the directory's entries can be listed and deleted. (By path: the
     * walk hands over real directories only, never links.)
     */
    private static void openUp(Path dir) throws IOException {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        perms.addAll(Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS));
        if (perms.addAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE))) {
            Files.setPosixFilePermissions(dir, perms);
        }
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
