package dev.foxbox.image.archive;

import dev.foxbox.image.json.ConfigJson;
import dev.foxbox.image.json.DockerArchiveJson;
import dev.foxbox.image.json.Json;
import dev.foxbox.image.json.MalformedJsonException;
import dev.foxbox.image.json.OciJson;
import dev.foxbox.image.layer.Compression;
import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.ImageConfig;
import dev.foxbox.image.model.ImageIndex;
import dev.foxbox.image.model.ImageManifest;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.model.InvalidReferenceException;
import dev.foxbox.image.model.MediaType;
import dev.foxbox.image.model.Platform;
import dev.foxbox.image.store.ImageNotFoundException;
import dev.foxbox.image.store.ImageStore;
import dev.foxbox.image.store.LockFile;
import dev.foxbox.image.store.StoredImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loads image archives into the store: OCI archives ({@code podman save --format oci-archive},
 * {@code skopeo copy … oci-archive:}, {@code foxbox save}) and docker archives ({@code docker
 * save}, {@code podman save}, {@code skopeo copy … docker-archive:}), told apart by what they
 * hold: {@code index.json} makes an OCI archive (docker 25's archives have both, and are read as
 * OCI), {@code manifest.json} alone a docker archive.
 *
 * <ul>
 *   <li>An OCI archive's manifests, configs and layers are stored as they are: every digest is
 *       kept. An entry is named by its {@code io.containerd.image.name} annotation, else by its
 *       {@code org.opencontainers.image.ref.name} when that is an image reference.</li>
 *   <li>A docker archive has no manifest. Its config is stored as it is (the image id is kept),
 *       each layer as the uncompressed tar it is, typed {@code application/vnd.oci.image.layer.v1.tar}
 *       (its digest is then its diff_id, which is checked; a layer that came compressed is
 *       checked by its content and kept compressed), and a new OCI manifest is written for
 *       them: same archive, same manifest digest, but not the one a registry had. Storing the
 *       tars unchanged makes the load one pass and a later docker-archive save exact, at the
 *       price of disk space; a push sends them uncompressed, which registries accept.</li>
 * </ul>
 *
 * <p>Call order: the archive is read once as it streams ({@link ArchiveReader}) under the store's
 * writing lock, every image is then checked complete (manifest, config, every layer, sizes),
 * and only then are the images named: a load that fails names nothing.
 */
public final class ImageLoader {

    /** docker's annotation for the full image name in its OCI archives. */
    static final String CONTAINERD_NAME = "io.containerd.image.name";

    private final ImageStore store;
    private final Platform platform;

    public ImageLoader(ImageStore store, Platform platform) {
        this.store = store;
        this.platform = platform;
    }

    /** An image loaded: its name ({@code null} when the archive gave it none) and what is now in the store. */
    public record LoadedImage(ImageReference name, StoredImage image) {}

    /** An image checked and ready to be named. */
    private record Ready(Descriptor entry, ImageReference name) {}

    /**
     * Loads every image of the archive.
     *
     * @param source what to call the archive in messages: its file name, or "stdin"
     */
    public List<LoadedImage> load(InputStream archive, String source) throws IOException {
        try (LockFile.Held writing = store.writing()) {
            ArchiveReader contents = ArchiveReader.read(archive, source, store.blobs(), store.layout().dir());
            List<Ready> ready;
            if (contents.metadata("index.json") != null) {
                ready = oci(contents);
            } else if (contents.metadata("manifest.json") != null) {
                ready = docker(contents);
            } else if (contents.metadata("repositories") != null) {
                throw new InvalidArchiveException(source + " is a docker archive without manifest.json (docker before"
                        + " 1.10), which foxbox does not read");
            } else {
                throw new InvalidArchiveException(source + " is not an image archive: it has neither index.json (OCI)"
                        + " nor manifest.json (docker)");
            }
            List<LoadedImage> loaded = new ArrayList<>();
            for (Ready image : ready) {
                loaded.add(name(image));
            }
            return List.copyOf(loaded);
        }
    }

    // ---- OCI archives ---------------------------------------------------------------------------

    private List<Ready> oci(ArchiveReader contents) throws IOException {
        String source = contents.source();
        byte[] layout = contents.metadata("oci-layout");
        if (layout != null) {
            String version = Json.text(Json.requireObject(Json.parse(layout, source + " oci-layout"), source + " oci-layout"),
                    "imageLayoutVersion");
            if (version == null || !version.startsWith("1.")) {
                throw new InvalidArchiveException(source + ": oci-layout has version " + version + "; foxbox reads 1.x");
            }
        }
        ImageIndex index;
        try {
            index = OciJson.readIndex(contents.metadata("index.json"), source + " index.json");
        } catch (MalformedJsonException | IllegalArgumentException e) {
            throw new InvalidArchiveException(e.getMessage(), e);
        }
        if (index.manifests().isEmpty()) {
            throw new InvalidArchiveException(source + ": index.json lists no images");
        }
        List<Ready> ready = new ArrayList<>();
        for (Descriptor entry : index.manifests()) {
            String what = source + ": image " + (entry.refName() != null ? entry.refName() : entry.digest());
            if (!entry.mediaType().isManifest() && !entry.mediaType().isIndex()) {
                throw new InvalidArchiveException(what + " has media type " + entry.mediaType() + ", not an image's");
            }
            requireBlob(entry, what);
            StoredImage image;
            try {
                image = store.resolveEntry(new Descriptor(entry.mediaType(), entry.digest(), entry.size()), platform);
            } catch (ImageNotFoundException e) {
                throw new InvalidArchiveException(what + ": " + e.getMessage(), e);
            } catch (IOException | IllegalArgumentException e) {
                throw new InvalidArchiveException(what + " cannot be read: " + e.getMessage(), e);
            }
            requireBlob(image.manifest().config(), what);
            for (Descriptor layer : image.manifest().layers()) {
                requireBlob(layer, what);
            }
            ready.add(new Ready(new Descriptor(entry.mediaType(), entry.digest(), entry.size()), ociName(entry)));
        }
        return ready;
    }

    private static ImageReference ociName(Descriptor entry) {
        for (String name : new String[] {entry.annotations().get(CONTAINERD_NAME), entry.refName()}) {
            if (name != null && ImageReference.isValid(name)) {
                return ImageReference.parse(name);
            }
        }
        return null;
    }

    private void requireBlob(Descriptor blob, String what) throws IOException {
        Optional<Long> size = store.blobs().stat(blob.digest());
        if (size.isEmpty()) {
            throw new InvalidArchiveException(what + " needs blob " + blob.digest() + ", which the archive does not hold");
        }
        if (size.get() != blob.size()) {
            throw new InvalidArchiveException(what + ": blob " + blob.digest() + " is " + size.get()
                    + " bytes, its descriptor says " + blob.size());
        }
    }

    // ---- docker archives ------------------------------------------------------------------------

    private List<Ready> docker(ArchiveReader contents) throws IOException {
        String source = contents.source();
        List<DockerArchiveManifest> items;
        try {
            items = DockerArchiveJson.read(contents.metadata("manifest.json"), source + " manifest.json");
        } catch (MalformedJsonException e) {
            throw new InvalidArchiveException(e.getMessage(), e);
        }
        if (items.isEmpty()) {
            throw new InvalidArchiveException(source + ": manifest.json lists no images");
        }
        List<Ready> ready = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            DockerArchiveManifest item = items.get(i);
            String what = source + ": manifest.json image " + (item.repoTags().isEmpty() ? "#" + (i + 1) : item.repoTags().get(0));
            ArchiveReader.Blob configBlob = contents.blob(item.config(), what + " config");
            if (configBlob.size() > ImageStore.MAX_METADATA_BYTES) {
                throw new InvalidArchiveException(what + ": its config is " + configBlob.size() + " bytes, over the limit of "
                        + ImageStore.MAX_METADATA_BYTES);
            }
            ImageConfig config;
            try {
                config = ConfigJson.read(store.blobs().read(configBlob.digest(), ImageStore.MAX_METADATA_BYTES),
                        what + " config");
            } catch (MalformedJsonException e) {
                throw new InvalidArchiveException(e.getMessage(), e);
            }
            List<Digest> diffIds = config.rootfs().diffIds();
            if (diffIds.size() != item.layers().size()) {
                throw new InvalidArchiveException(what + ": its config lists " + diffIds.size() + " layers, manifest.json "
                        + item.layers().size());
            }
            List<Descriptor> layers = new ArrayList<>();
            for (int l = 0; l < diffIds.size(); l++) {
                ArchiveReader.Blob layer = contents.blob(item.layers().get(l), what + " layer " + (l + 1));
                layers.add(new Descriptor(layerType(layer, diffIds.get(l), what + " layer " + item.layers().get(l)),
                        layer.digest(), layer.size()));
            }
            ImageManifest manifest = new ImageManifest(new Descriptor(MediaType.OCI_CONFIG, configBlob.digest(),
                    configBlob.size()), layers);
            byte[] bytes = OciJson.write(manifest);
            Descriptor entry = new Descriptor(MediaType.OCI_MANIFEST, store.blobs().put(bytes), bytes.length);
            List<ImageReference> names = new ArrayList<>();
            for (String tag : item.repoTags()) {
                try {
                    names.add(ImageReference.parse(tag));
                } catch (InvalidReferenceException e) {
                    throw new InvalidArchiveException(what + ": " + e.getMessage(), e);
                }
            }
            if (names.isEmpty()) {
                ready.add(new Ready(entry, null));
            }
            for (ImageReference name : names) {
                ready.add(new Ready(entry, name));
            }
        }
        return ready;
    }

    /**
     * The media type a docker archive's layer is stored with: a plain tar whose digest is its
     * diff_id as it is; a compressed one (some tools write them) once its content hashes to it.
     */
    private MediaType layerType(ArchiveReader.Blob layer, Digest diffId, String what) throws IOException {
        if (layer.digest().equals(diffId)) {
            return MediaType.OCI_LAYER;
        }
        Compression compression;
        try (InputStream in = store.blobs().open(layer.digest())) {
            compression = Compression.detect(in.readNBytes(6));
        }
        if (compression != Compression.NONE) {
            MessageDigest hasher = diffId.algorithm().newHasher();
            try (InputStream in = compression.decompressing(store.blobs().open(layer.digest()));
                 OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), hasher)) {
                in.transferTo(sink);
            }
            if (Digest.of(diffId.algorithm(), hasher.digest()).equals(diffId)) {
                return compression.layerMediaType();
            }
        }
        throw new InvalidArchiveException(what + " does not match the diff_id its config gives it (" + diffId + ")");
    }

    // ---- naming, last ---------------------------------------------------------------------------

    private LoadedImage name(Ready ready) throws IOException {
        if (ready.name() != null) {
            store.tag(ready.entry(), ready.name());
            return new LoadedImage(ready.name(), store.resolveEntry(ready.entry().withRefName(ready.name().toString()), platform));
        }
        store.addUntagged(ready.entry());
        return new LoadedImage(null, store.resolveEntry(ready.entry(), platform));
    }
}
