package dev.foxbox.image.archive;

import dev.foxbox.image.json.DockerArchiveJson;
import dev.foxbox.image.json.OciJson;
import dev.foxbox.image.layer.Compression;
import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.ImageIndex;
import dev.foxbox.image.model.MediaType;
import dev.foxbox.image.store.ImageStore;
import dev.foxbox.image.store.LockFile;
import dev.foxbox.image.store.StoredImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes images of the store as one archive, streamed: an OCI archive (the image's manifest,
 * config and layers as stored, each blob once, and an {@code index.json} naming each image by
 * its full reference, in {@code org.opencontainers.image.ref.name} as podman writes it and in
 * {@code io.containerd.image.name} as docker does), or a docker archive ({@code <config hex>.json},
 * one uncompressed {@code <diff_id hex>.tar} per layer, {@code manifest.json}). A compressed layer
 * is decompressed twice for a docker archive, once to learn its size (which a tar header needs
 * first) and check its diff_id, once to write it: slower than a temporary copy, but it needs no
 * disk. The archive's bytes depend only on the images: entries are dated 1970, owned by 0:0.
 *
 * <p>A multi-platform image is saved as its platform's manifest, the image every foxbox command
 * sees. The store's writing lock is held throughout, so garbage collection cannot take a blob
 * half way.
 */
public final class ImageSaver {

    private static final int BUFFER = 256 * 1024;

    private final ImageStore store;

    public ImageSaver(ImageStore store) {
        this.store = store;
    }

    /** Writes {@code images} as one archive to {@code out}, which is flushed, not closed. */
    public void save(List<StoredImage> images, ArchiveFormat format, OutputStream out) throws IOException {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no image to save");
        }
        try (LockFile.Held reading = store.writing()) {
            // Records of 512 bytes and no larger blocks, as docker and podman write them; buffered here.
            TarArchiveOutputStream tar = new TarArchiveOutputStream(new java.io.BufferedOutputStream(new NonClosing(out), BUFFER));
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR);
            if (format == ArchiveFormat.OCI_ARCHIVE) {
                writeOci(images, tar);
            } else {
                writeDocker(images, tar);
            }
            tar.finish();
            tar.close();
        }
        out.flush();
    }

    private void writeOci(List<StoredImage> images, TarArchiveOutputStream tar) throws IOException {
        Map<Digest, Descriptor> blobs = new LinkedHashMap<>();
        List<Descriptor> entries = new ArrayList<>();
        for (StoredImage image : images) {
            image.manifest().layers().forEach(l -> blobs.putIfAbsent(l.digest(), l));
            blobs.putIfAbsent(image.manifest().config().digest(), image.manifest().config());
            blobs.putIfAbsent(image.target().digest(), image.target());
            Descriptor entry = new Descriptor(image.target().mediaType(), image.target().digest(), image.target().size());
            if (image.reference() != null) {
                Map<String, String> names = new TreeMap<>();
                names.put(Descriptor.REF_NAME, image.reference().toString());
                names.put(ImageLoader.CONTAINERD_NAME, image.reference().toString());
                entry = entry.withAnnotations(names);
            }
            entries.add(entry);
        }
        directory(tar, "blobs/");
        for (Digest.Algorithm algorithm : Digest.Algorithm.values()) {
            if (blobs.keySet().stream().anyMatch(d -> d.algorithm() == algorithm)) {
                directory(tar, "blobs/" + algorithm.id() + "/");
            }
        }
        for (Digest blob : blobs.keySet()) {
            copyBlob(tar, "blobs/" + blob.algorithm().id() + "/" + blob.hex(), blob);
        }
        file(tar, "index.json", OciJson.write(new ImageIndex(MediaType.OCI_INDEX, entries, Map.of())));
        file(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
    }

    private void writeDocker(List<StoredImage> images, TarArchiveOutputStream tar) throws IOException {
        // One manifest.json item per image, with every name it is saved under, as docker writes it.
        Map<Digest, List<StoredImage>> byManifest = new LinkedHashMap<>();
        for (StoredImage image : images) {
            byManifest.computeIfAbsent(image.manifestDigest(), d -> new ArrayList<>()).add(image);
        }
        Set<String> written = new HashSet<>();
        List<DockerArchiveManifest> items = new ArrayList<>();
        for (List<StoredImage> same : byManifest.values()) {
            StoredImage image = same.get(0);
            List<Digest> diffIds = image.config().rootfs().diffIds();
            if (diffIds.size() != image.manifest().layers().size()) {
                throw new IOException("image " + describe(image) + ": its config lists " + diffIds.size()
                        + " layers, its manifest " + image.manifest().layers().size());
            }
            String config = image.id().hex() + ".json";
            if (written.add(config)) {
                copyBlob(tar, config, image.id());
            }
            List<String> layers = new ArrayList<>();
            for (int i = 0; i < diffIds.size(); i++) {
                String name = diffIds.get(i).hex() + ".tar";
                if (written.add(name)) {
                    writeUncompressed(tar, name, image.manifest().layers().get(i), diffIds.get(i));
                }
                layers.add(name);
            }
            List<String> tags = new ArrayList<>();
            same.stream().filter(s -> s.reference() != null).forEach(s -> tags.add(s.reference().toString()));
            items.add(new DockerArchiveManifest(config, tags, layers));
        }
        file(tar, "manifest.json", DockerArchiveJson.write(items));
    }

    /** A layer as its uncompressed tar, named by its diff_id, which its content must hash to. */
    private void writeUncompressed(TarArchiveOutputStream tar, String name, Descriptor layer, Digest diffId) throws IOException {
        Compression compression;
        try (InputStream in = store.blobs().open(layer.digest())) {
            compression = Compression.detect(in.readNBytes(6));
        }
        if (compression == Compression.NONE) {
            if (!layer.digest().equals(diffId)) {
                throw new IOException("layer " + layer.digest() + " is an uncompressed tar, but its diff_id is " + diffId);
            }
            copyBlob(tar, name, layer.digest());
            return;
        }
        MessageDigest hasher = diffId.algorithm().newHasher();
        long size;
        try (InputStream in = compression.decompressing(store.blobs().open(layer.digest()));
             DigestOutputStream counted = new DigestOutputStream(OutputStream.nullOutputStream(), hasher)) {
            size = in.transferTo(counted);
        }
        if (!Digest.of(diffId.algorithm(), hasher.digest()).equals(diffId)) {
            throw new IOException("layer " + layer.digest() + " does not decompress to its diff_id " + diffId);
        }
        try (InputStream in = compression.decompressing(store.blobs().open(layer.digest()))) {
            entry(tar, name, size, in);
        }
    }

    private void copyBlob(TarArchiveOutputStream tar, String name, Digest digest) throws IOException {
        long size = store.blobs().stat(digest).orElseThrow(() -> new IOException("blob " + digest + " is missing from the store"));
        try (InputStream in = store.blobs().open(digest)) {
            entry(tar, name, size, in);
        }
    }

    private static void entry(TarArchiveOutputStream tar, String name, long size, InputStream content) throws IOException {
        TarArchiveEntry e = owned(new TarArchiveEntry(name, true));
        e.setMode(0100644);
        e.setSize(size);
        tar.putArchiveEntry(e);
        byte[] buffer = new byte[BUFFER];
        long left = size;
        while (left > 0) {
            int n = content.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException(name + " shrank while it was being saved");
            }
            tar.write(buffer, 0, n);
            left -= n;
        }
        if (content.read() >= 0) {
            throw new IOException(name + " grew while it was being saved");
        }
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        entry(tar, name, bytes.length, new java.io.ByteArrayInputStream(bytes));
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry e = owned(new TarArchiveEntry(name, true));
        e.setMode(040755);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    /** Dated 1970, owned by 0:0, no user or group names (commons-compress puts this user's name in by default). */
    private static TarArchiveEntry owned(TarArchiveEntry e) {
        e.setModTime(0);
        e.setIds(0, 0);
        e.setUserName("");
        e.setGroupName("");
        return e;
    }

    private static String describe(StoredImage image) {
        return image.reference() != null ? image.reference().toString() : image.id().shortHex();
    }

    /** Keeps the tar's close from closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
