package dev.foxbox.registry.copy;

import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.model.Platform;
import dev.foxbox.image.store.BlobWriter;
import dev.foxbox.image.store.ImageStore;
import dev.foxbox.image.store.LockFile;
import dev.foxbox.image.store.StoredImage;
import dev.foxbox.registry.endpoint.FetchedManifest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The local image store as a destination. Opening it takes the store's writing lock (shared
 * among writers, exclusive against garbage collection) and closing releases it; blobs go in
 * through the store's verifying writers; the image is named with {@link ImageStore#tag} only
 * after its manifest is in and its config has been read back.
 */
public final class StoreDestination implements ImageDestination<StoredImage> {

    private final ImageStore store;
    private final Platform platform;
    private final LockFile.Held writing;

    /**
     * @param platform the platform to resolve the named image for (what {@link #commit} returns)
     */
    public StoreDestination(ImageStore store, Platform platform) throws IOException {
        this.store = store;
        this.platform = platform;
        this.writing = store.writing();
    }

    @Override
    public String id() {
        return store.layout().dir().toAbsolutePath().toString();
    }

    @Override
    public boolean has(Descriptor blob) throws IOException {
        return store.blobs().contains(blob.digest());
    }

    @Override
    public PendingBlob newBlob(Descriptor blob) throws IOException {
        BlobWriter writer = store.blobs().newWriter(blob.digest().algorithm());
        return new PendingBlob() {
            @Override
            public long written() {
                return writer.size();
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                writer.write(bytes, offset, length);
            }

            @Override
            public void commit() throws IOException {
                if (writer.size() != blob.size()) {
                    throw new IOException("got " + writer.size() + " bytes, the manifest lists " + blob.size());
                }
                writer.commit(blob.digest());
            }

            @Override
            public void close() {
                try {
                    writer.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    @Override
    public void putManifest(FetchedManifest manifest) throws IOException {
        store.blobs().put(new ByteArrayInputStream(manifest.bytes()), manifest.digest());
    }

    @Override
    public StoredImage commit(Descriptor entry, ImageReference name) throws IOException {
        // Read the manifest and config back first: an image that cannot be read is not named.
        store.resolveEntry(entry, platform);
        store.tag(entry, name);
        return store.resolveEntry(entry.withRefName(name.toString()), platform);
    }

    @Override
    public void close() {
        writing.close();
    }
}
