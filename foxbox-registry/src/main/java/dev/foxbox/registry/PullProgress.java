package dev.foxbox.registry;

import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.store.StoredImage;
import java.util.List;

/**
 * What a pull tells its caller as it goes. Blob events come from the download threads, several
 * at a time: implementations must be thread-safe. Every method has a do-nothing default.
 *
 * <p>Order for one pull: {@link #resolved} once the image's manifest is known (not at all when
 * the image is up to date), then per blob either {@link #blobSkipped} or {@link #blobStarted},
 * {@link #blobProgress}…, {@link #blobDone}; then {@link #finished}. {@link #note} may come at
 * any point (retries, a mirror that failed).
 */
public interface PullProgress {

    /** The manifest is known: these blobs (config first, then layers, bottom first) make the image. */
    default void resolved(ImageReference reference, Digest manifestDigest, List<Descriptor> blobs) {}

    /** The store already has this blob. */
    default void blobSkipped(Descriptor blob) {}

    default void blobStarted(Descriptor blob) {}

    /** {@code bytes} of the blob are in so far (a resumed download continues its count). */
    default void blobProgress(Descriptor blob, long bytes) {}

    /** The blob is in the store, verified. */
    default void blobDone(Descriptor blob) {}

    /** A line worth showing: a retry, a mirror that failed, a warning. */
    default void note(String line) {}

    /**
     * The pull is over.
     *
     * @param changed false when the store already had the image as the registry has it now
     */
    default void finished(StoredImage image, boolean changed) {}

    /** Reports nothing. */
    static PullProgress quiet() {
        return new PullProgress() {};
    }
}
