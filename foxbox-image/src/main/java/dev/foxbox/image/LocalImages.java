package dev.foxbox.image;

import dev.foxbox.image.json.ConfigJson;
import dev.foxbox.image.json.OciJson;
import dev.foxbox.image.layer.Compression;
import dev.foxbox.image.layer.LayerUnpacker;
import dev.foxbox.image.layer.UnpackOptions;
import dev.foxbox.image.model.ContainerConfig;
import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.ImageConfig;
import dev.foxbox.image.model.ImageConfig.History;
import dev.foxbox.image.model.ImageConfig.RootFs;
import dev.foxbox.image.model.ImageManifest;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.model.InvalidReferenceException;
import dev.foxbox.image.model.MediaType;
import dev.foxbox.image.model.Platform;
import dev.foxbox.image.store.BlobWriter;
import dev.foxbox.image.store.GarbageCollector;
import dev.foxbox.image.store.GcRoots;
import dev.foxbox.image.store.ImageLayout;
import dev.foxbox.image.store.ImageStore;
import dev.foxbox.image.store.LockFile;
import dev.foxbox.image.store.StoredImage;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Image management on the local store: import, list, tag, remove, inspect, unpack, disk usage
 * and pruning. The CLI's image commands are thin wrappers around this class; other programs can
 * drive it the same way.
 */
public final class LocalImages {

    private final DataRoot root;
    private final ImageStore store;
    private final List<GcRoots> gcRoots;
    private final ImageUsers users;
    private final Platform platform;

    public LocalImages(DataRoot root, List<GcRoots> gcRoots, ImageUsers users) throws IOException {
        this.root = root;
        ImageLayout layout = new ImageLayout(root.store(), root.tmp(), root.locks()).init();
        this.store = new ImageStore(layout, root.locks());
        this.gcRoots = List.copyOf(gcRoots);
        this.users = users;
        this.platform = Platform.host();
    }

    /** A store with nothing but tags as roots and no users: for tools and tests. */
    public static LocalImages open(DataRoot root) throws IOException {
        return new LocalImages(root, List.of(), image -> List.of());
    }

    public ImageStore store() {
        return store;
    }

    public DataRoot root() {
        return root;
    }

    // ---- import -------------------------------------------------------------------------------

    /**
     * Makes a one-layer image from a root filesystem tarball (plain, gzip or zstd), as
     * {@code docker import} does: the tar becomes the layer unchanged, stored gzip-compressed.
     *
     * @param source     the tarball's bytes
     * @param sourceName what to call it in history and errors, e.g. the file name
     * @param name       the tag to give the image
     */
    public StoredImage importTarball(InputStream source, String sourceName, ImageReference name) throws IOException {
        Instant created = SourceDateEpoch.now();
        try (LockFile.Held writing = store.writing();
             BlobWriter layerBlob = store.blobs().newWriter()) {
            MessageDigest diffHasher = Digest.Algorithm.SHA256.newHasher();
            GZIPOutputStream gzip = new GZIPOutputStream(layerBlob, 64 * 1024);
            OutputStream uncompressed = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    diffHasher.update(b, off, len);
                    gzip.write(b, off, len);
                }
            };
            try (InputStream plain = Compression.decompress(source)) {
                TeeInputStream tee = new TeeInputStream(plain, uncompressed);
                checkIsTar(tee, sourceName);
                tee.transferTo(OutputStream.nullOutputStream()); // the tar's end blocks, kept byte for byte
            }
            gzip.finish();
            Digest layerDigest = layerBlob.commit(null);
            Descriptor layer = new Descriptor(MediaType.OCI_LAYER_GZIP, layerDigest, layerBlob.size());
            Digest diffId = Digest.of(Digest.Algorithm.SHA256, diffHasher.digest());

            ImageConfig config = new ImageConfig(created, null, platform.architecture(), platform.os(),
                    platform.variant(), null, ContainerConfig.EMPTY, new RootFs(List.of(diffId)),
                    List.of(new History(created, "foxbox import " + sourceName, null, "imported from " + sourceName, false)));
            byte[] configBytes = ConfigJson.write(config);
            Descriptor configDescriptor = new Descriptor(MediaType.OCI_CONFIG, store.blobs().put(configBytes), configBytes.length);
            ImageManifest manifest = new ImageManifest(configDescriptor, List.of(layer));
            byte[] manifestBytes = OciJson.write(manifest);
            Descriptor manifestDescriptor = new Descriptor(MediaType.OCI_MANIFEST, store.blobs().put(manifestBytes),
                    manifestBytes.length);
            store.tag(manifestDescriptor, name);
            return store.resolveEntry(manifestDescriptor.withRefName(name.toString()), platform);
        }
    }

    /**
     * Stores a new image made of layers already in the store (a build's result): writes its
     * config and manifest and gives it {@code names}, or an untagged entry when there are none.
     */
    public StoredImage create(ImageConfig config, List<Descriptor> layers, List<ImageReference> names) throws IOException {
        try (LockFile.Held writing = store.writing()) {
            byte[] configBytes = ConfigJson.write(config);
            Descriptor configDescriptor = new Descriptor(MediaType.OCI_CONFIG, store.blobs().put(configBytes), configBytes.length);
            byte[] manifestBytes = OciJson.write(new ImageManifest(configDescriptor, layers));
            Descriptor manifest = new Descriptor(MediaType.OCI_MANIFEST, store.blobs().put(manifestBytes), manifestBytes.length);
            if (names.isEmpty()) {
                store.addUntagged(manifest);
                return store.resolveEntry(manifest, platform);
            }
            for (ImageReference name : names) {
                store.tag(manifest, name);
            }
            return store.resolveEntry(manifest.withRefName(names.get(0).toString()), platform);
        }
    }

    public StoredImage importTarball(Path file, ImageReference name) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return importTarball(in, file.getFileName().toString(), name);
        }
    }

    /**
     * The image name {@code foxbox import FILE} gives when none is asked for: the file's name
     * without its archive suffixes, lower-cased ({@code alpine-minirootfs-3.18.4-x86_64.tar.gz}
     * becomes {@code alpine-minirootfs-3.18.4-x86_64}).
     */
    public static ImageReference nameFromFile(Path file) {
        String base = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String suffix : List.of(".tar.gz", ".tar.zst", ".tar.zstd", ".tgz", ".tar", ".gz", ".zst")) {
            if (base.endsWith(suffix)) {
                base = base.substring(0, base.length() - suffix.length());
                break;
            }
        }
        String cleaned = base.replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[._-]+|[._-]+$", "");
        try {
            return ImageReference.parse(cleaned);
        } catch (InvalidReferenceException e) {
            throw new InvalidReferenceException("cannot make an image name from the file name '" + file.getFileName()
                    + "'; give one: foxbox import FILE NAME[:TAG]");
        }
    }

    private static void checkIsTar(InputStream in, String sourceName) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        try {
            while (tar.getNextEntry() != null) {
                // Reading the headers is the check; each entry's data is skipped through the tee.
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(sourceName + " is not a valid tar archive: " + e.getMessage(), e);
        }
    }

    // ---- query --------------------------------------------------------------------------------

    public ImageStore.Listing list() throws IOException {
        return store.list(platform);
    }

    public StoredImage get(String nameOrId) throws IOException {
        return store.find(nameOrId, platform);
    }

    /** Every name the image with this id has. */
    public List<ImageReference> namesOf(Digest id) throws IOException {
        List<ImageReference> names = new ArrayList<>();
        for (StoredImage image : store.withId(id, platform)) {
            if (image.reference() != null) {
                names.add(image.reference());
            }
        }
        return names;
    }

    // ---- change -------------------------------------------------------------------------------

    /** Gives the image {@code source} names another name. */
    public StoredImage tag(String source, ImageReference target) throws IOException {
        try (LockFile.Held writing = store.writing()) {
            StoredImage image = get(source);
            store.tag(image.entry(), target);
            return store.resolveEntry(image.entry().withRefName(target.toString()), platform);
        }
    }

    /** What removing one image did. */
    public record Removal(List<ImageReference> untagged, Digest id) {}

    /**
     * Removes an image by name or id. A name removes that name; an id removes every name of the
     * image, and with several names or a box using it only when forced. Blobs are freed by
     * {@link #collectGarbage()}, which the caller runs once after a batch of removals.
     */
    public Removal remove(String nameOrId, boolean force) throws IOException {
        StoredImage image = get(nameOrId);
        boolean byName = image.reference() != null && isName(nameOrId, image.reference());
        List<StoredImage> sameId = store.withId(image.id(), platform);
        if (!force) {
            List<String> usedBy = users.usersOf(image);
            if (!usedBy.isEmpty() && (!byName || sameId.size() == 1)) {
                throw new ImageInUseException("image " + describe(image) + " is in use by box " + String.join(", ", usedBy)
                        + " (remove the box first, or use -f)");
            }
            if (!byName && sameId.size() > 1) {
                throw new ImageInUseException("image " + image.id().shortHex() + " has " + sameId.size() + " names ("
                        + String.join(", ", sameId.stream().map(LocalImages::describe).toList())
                        + "); remove them by name, or use -f");
            }
        }
        List<ImageReference> untagged = new ArrayList<>();
        if (byName) {
            if (store.untag(image.reference())) {
                untagged.add(image.reference());
            }
        } else {
            for (StoredImage each : sameId) {
                if (each.reference() != null && store.untag(each.reference())) {
                    untagged.add(each.reference());
                }
                store.removeEntries(each.entry().digest());
            }
        }
        return new Removal(List.copyOf(untagged), image.id());
    }

    private static boolean isName(String asked, ImageReference reference) {
        try {
            ImageReference parsed = ImageReference.parse(asked);
            return parsed.name().equals(reference.name());
        } catch (InvalidReferenceException e) {
            return false;
        }
    }

    private static String describe(StoredImage image) {
        return image.reference() != null ? image.reference().toString() : image.id().shortHex();
    }

    // ---- unpack -------------------------------------------------------------------------------

    /**
     * Flattens the image's layers into {@code target}, as {@code umoci unpack} does. The
     * directory must be new or empty; when unpacking fails it is removed again.
     */
    public StoredImage unpack(String nameOrId, Path target, Consumer<String> notes) throws IOException {
        StoredImage image = get(nameOrId);
        boolean created = !Files.exists(target);
        if (!created) {
            if (!Files.isDirectory(target)) {
                throw new IOException(target + " exists and is not a directory");
            }
            try (var entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(target + " is not empty");
                }
            }
        }
        Files.createDirectories(target);
        try {
            LayerUnpacker unpacker = new LayerUnpacker(target, UnpackOptions.defaults().withNotes(notes));
            for (Descriptor layer : image.manifest().layers()) {
                try (InputStream in = store.blobs().open(layer.digest())) {
                    unpacker.apply(in, layer.digest().toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            FileTrees.deleteRecursively(target, !created);
            throw e;
        }
        return image;
    }

    // ---- space --------------------------------------------------------------------------------

    /** Space the store takes, and how much of it {@link #collectGarbage()} would free. */
    public record DiskUsage(int images, long storeBytes, long reclaimableBytes, long tmpBytes) {}

    public DiskUsage diskUsage() throws IOException {
        Set<Digest> live = collector().mark();
        long total = 0;
        long reclaimable = 0;
        for (Digest blob : store.blobs().list()) {
            long size = store.blobs().stat(blob).orElse(0L);
            total += size;
            if (!live.contains(blob)) {
                reclaimable += size;
            }
        }
        Set<Digest> ids = new HashSet<>();
        for (StoredImage image : list().images()) {
            ids.add(image.id());
        }
        return new DiskUsage(ids.size(), total, reclaimable, FileTrees.size(root.tmp()));
    }

    /** Deletes every blob no tag and no other root reaches, and stale temporary files. */
    public GarbageCollector.Result collectGarbage() throws IOException {
        return collector().collect();
    }

    private GarbageCollector collector() {
        return new GarbageCollector(store, root.tmp(), gcRoots);
    }

    /** Copies everything read from {@code in} to {@code copy}. */
    private static final class TeeInputStream extends FilterInputStream {
        private final OutputStream copy;

        TeeInputStream(InputStream in, OutputStream copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                copy.write(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[(int) Math.min(n, 64 * 1024)];
            long done = 0;
            while (done < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - done));
                if (r < 0) {
                    break;
                }
                done += r;
            }
            return done;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
