package dev.foxbox.image;

import dev.foxbox.image.layer.Compression;
import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.ImageConfig;
import dev.foxbox.image.model.ImageConfig.History;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.model.MediaType;
import dev.foxbox.image.store.BlobWriter;
import dev.foxbox.image.store.ImageStore;
import dev.foxbox.image.store.LockFile;
import dev.foxbox.image.store.StoredImage;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes an image from another image and one more layer: what {@code foxbox commit} does with a
 * box's changes. The layer comes as an uncompressed tar and is stored gzip-compressed, hashed
 * both ways as it streams (its diff_id and its digest); the config is the base's with that
 * diff_id, a history entry, the author and the time; the image is made, as a build's is, by
 * {@link LocalImages#create}: an OCI manifest of the base's layers and the new one. The store's
 * writing lock is held from the layer's first byte until the image is named, so that garbage
 * collection takes nothing in between.
 */
public final class ImageCommitter {

    /**
     * @param author    the new image's author, or null to keep the base's
     * @param message   the history entry's comment, or null
     * @param createdBy what made the layer, for the history ({@code foxbox commit})
     * @param created   the new image's time
     */
    public record Options(String author, String message, String createdBy, Instant created) {
        public static Options of(String createdBy) {
            return new Options(null, null, createdBy, SourceDateEpoch.now());
        }

        public Options withAuthor(String value) {
            return new Options(value, message, createdBy, created);
        }

        public Options withMessage(String value) {
            return new Options(author, value, createdBy, created);
        }
    }

    private final LocalImages images;

    public ImageCommitter(LocalImages images) {
        this.images = images;
    }

    /**
     * Writes an uncompressed layer tar; throws when it could not be written whole, in which case
     * nothing is named.
     */
    @FunctionalInterface
    public interface LayerSource {
        void writeTo(OutputStream tar) throws IOException;
    }

    /** Stores the layer {@code layer} writes on top of {@code base}, and names the new image {@code name}. */
    public StoredImage commit(StoredImage base, LayerSource layer, Options options, ImageReference name) throws IOException {
        ImageStore store = images.store();
        try (LockFile.Held writing = store.writing();
             BlobWriter blob = store.blobs().newWriter()) {
            MessageDigest diffHasher = Digest.Algorithm.SHA256.newHasher();
            try (OutputStream gzip = Compression.GZIP.compressing(new Unclosed(blob));
                 OutputStream tar = new DigestOutputStream(gzip, diffHasher)) {
                layer.writeTo(tar);
            }
            Digest diffId = Digest.of(Digest.Algorithm.SHA256, diffHasher.digest());
            Descriptor added = new Descriptor(MediaType.OCI_LAYER_GZIP, blob.commit(null), blob.size());

            ImageConfig config = base.config();
            if (options.author() != null) {
                config = new ImageConfig(config.created(), options.author(), config.architecture(), config.os(),
                        config.variant(), config.osVersion(), config.config(), config.rootfs(), config.history());
            }
            config = config.withCreated(options.created())
                    .withLayer(diffId, new History(options.created(), options.createdBy(), options.author(), options.message(), false));
            List<Descriptor> layers = new ArrayList<>(base.manifest().toOci().layers());
            layers.add(added);
            return images.create(config, layers, List.of(name));
        }
    }

    /** Lets the compressor finish without closing the blob writer, which must still commit. */
    private static final class Unclosed extends java.io.FilterOutputStream {
        Unclosed(OutputStream out) {
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
