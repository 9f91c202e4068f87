package dev.foxbox.registry.copy;

import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.store.StoredImage;
import dev.foxbox.registry.endpoint.BlobSink;
import dev.foxbox.registry.endpoint.FetchedManifest;
import java.io.IOException;
import java.util.Optional;

/**
 * Where an image goes: the local store ({@link StoreDestination}, a pull) or a registry
 * ({@link RegistryDestination}, a push).
 *
 * <p>Call order for one copy, which {@link ImageCopier} keeps:
 * <ol>
 *   <li>the destination is opened (a store destination takes the store's writing lock, so that
 *       garbage collection waits until the image is named);</li>
 *   <li>for each config and layer, from several threads at once: {@link #has}; when it says no,
 *       for a layer {@link #reuse}; when that finds nothing either, {@link #newBlob}. A blob
 *       becomes visible only when its {@link PendingBlob#commit()} verifies it;</li>
 *   <li>{@link #putManifest} for the image's manifest, after all its blobs;</li>
 *   <li>{@link #commit} once, last: it names the image, which from then on is complete;</li>
 *   <li>{@link #close()}, always. Without a commit nothing is named, and the blobs written are
 *       left for garbage collection (or a later copy, which then skips them).</li>
 * </ol>
 *
 * @param <R> what a committed image is described by: a {@link StoredImage} in the store
 */
public interface ImageDestination<R> extends AutoCloseable {

    /** A name for this destination, for telling copies into different ones apart. */
    String id();

    /** Whether the destination already has this blob. */
    boolean has(Descriptor blob) throws IOException;

    /**
     * Gets the blob without its bytes if the destination can (a registry mounts it from another
     * of its repositories); returns where it came from, or empty.
     */
    default Optional<String> reuse(Descriptor blob) throws IOException {
        return Optional.empty();
    }

    /** A place for the blob's bytes; nothing is visible until it is committed. */
    PendingBlob newBlob(Descriptor blob) throws IOException;

    /** Stores manifest bytes unchanged, so the digest stays the source's. */
    void putManifest(FetchedManifest manifest) throws IOException;

    /**
     * Names the image: {@code entry} describes its manifest (with the platform and annotations
     * to record), {@code name} is the full reference to give it.
     */
    R commit(Descriptor entry, ImageReference name) throws IOException;

    @Override
    void close();

    /** A blob being written: a sink, then a commit that verifies size and digest. */
    interface PendingBlob extends BlobSink, AutoCloseable {
        void commit() throws IOException;

        /** Throws away what was written unless committed. */
        @Override
        void close();
    }
}
