package dev.foxbox.runtime.box;

import dev.foxbox.image.DataRoot;
import dev.foxbox.image.store.LockFile;
import dev.foxbox.image.store.StoredImage;
import dev.foxbox.image.store.ThisProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Each image flattened once into a root file system ({@code ROOT/images/<manifest>/rootfs}),
 * the read-only lower layer every box of that image shares. With subordinate ids the layers are
 * unpacked inside a user namespace, as podman does, so that a file owned by 1000:1000 in the
 * image is 1000:1000 in the box.
 */
final class ImageRoots {

    private final DataRoot root;
    private final BoxFiles files;

    ImageRoots(DataRoot root, BoxFiles files) {
        this.root = root;
        this.files = files;
    }

    Path dirOf(StoredImage image) {
        return root.images().resolve(image.manifestDigest().hex());
    }

    /** The image's root file system, flattening it first if this is its first box. */
    Path rootOf(StoredImage image) throws IOException {
        Path dir = dirOf(image);
        Path rootfs = dir.resolve("rootfs");
        if (Files.isDirectory(rootfs)) {
            return rootfs;
        }
        try (LockFile.Held flattening = LockFile.at(root.locks().resolve("image-" + image.manifestDigest().hex() + ".lock")).exclusive()) {
            if (Files.isDirectory(rootfs)) {
                return rootfs; // another foxbox flattened it while we waited
            }
            Files.createDirectories(dir);
            Path partial = dir.resolve("rootfs.partial-" + ThisProcess.pid());
            files.remove(partial);
            try {
                files.unpack(image, partial);
                Files.move(partial, rootfs, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                files.remove(partial);
                throw e;
            }
        }
        return rootfs;
    }
}
