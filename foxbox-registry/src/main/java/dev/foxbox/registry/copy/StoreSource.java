package dev.foxbox.registry.copy;

import dev.foxbox.image.json.OciJson;
import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.Manifest;
import dev.foxbox.image.store.ImageStore;
import dev.foxbox.image.store.LockFile;
import dev.foxbox.image.store.StoredImage;
import dev.foxbox.registry.endpoint.BlobSink;
import dev.foxbox.registry.endpoint.FetchedManifest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * One image of the local store as a source, for a push. Opening it takes the store's writing
 * lock (shared with other writers, exclusive against garbage collection), so that removing the
 * image while it is pushed never takes its blobs away; closing releases it.
 *
 * <p>The source is the image it was opened on: {@link #manifest} with a tag (the destination's)
 * returns the image's entry as stored, byte for byte, so its digest is the store's; with a
 * digest, that blob of the store (the platform's manifest, when the entry is an index).
 */
public final class StoreSource implements ImageSource {

    private static final int BUFFER = 256 * 1024;

    private final ImageStore store;
    private final StoredImage image;
    private final LockFile.Held reading;

    public StoreSource(ImageStore store, StoredImage image) throws IOException {
        this.store = store;
        this.image = image;
        this.reading = store.writing();
    }

    @Override
    public String describe() {
        return image.reference() != null ? image.reference().toString() : image.id().toString();
    }

    @Override
    public Optional<Digest> peek() {
        return Optional.of(image.entry().digest());
    }

    @Override
    public FetchedManifest manifest(String tagOrDigest) throws IOException {
        Descriptor wanted = image.entry();
        if (Digest.isDigest(tagOrDigest)) {
            Digest digest = Digest.parse(tagOrDigest);
            wanted = digest.equals(image.target().digest()) ? image.target() : new Descriptor(wanted.mediaType(), digest, 0);
        }
        byte[] bytes = store.blobs().read(wanted.digest(), ImageStore.MAX_METADATA_BYTES);
        Manifest manifest = OciJson.readManifest(bytes, wanted.mediaType(), "manifest " + wanted.digest());
        return new FetchedManifest(bytes, wanted.digest(), manifest);
    }

    @Override
    public void blob(Descriptor blob, BlobSink sink) throws IOException {
        try (InputStream in = store.blobs().open(blob.digest())) {
            in.skipNBytes(sink.written());
            byte[] buffer = new byte[BUFFER];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sink.write(buffer, 0, n);
            }
        }
    }

    @Override
    public void close() {
        reading.close();
    }
}
