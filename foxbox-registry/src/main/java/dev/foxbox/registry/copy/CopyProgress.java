package dev.foxbox.registry.copy;

import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.ImageReference;
import java.util.List;

/**
 * What a copy ({@link ImageCopier}) tells its caller as it goes, a pull or a push. Blob events
 * come from the copy's threads, several at a time: implementations must be thread-safe. Every
 * method has a do-nothing default.
 *
 * <p>Order for one copy: {@link #resolved} once the image's manifest is known, then per blob
 * either {@link #blobSkipped}, {@link #blobReused}, or {@link #blobStarted},
 * {@link #blobProgress}…, {@link #blobDone}. {@link #note} may come at any point (retries, a
 * mirror that failed).
 */
public interface CopyProgress {

    /** The manifest is known: these blobs (config first, then layers, bottom first) make the image. */
    default void resolved(ImageReference reference, Digest manifestDigest, List<Descriptor> blobs) {}

    /** The destination already has this blob. */
    default void blobSkipped(Descriptor blob) {}

    /** The destination got the blob without its bytes: a registry mounted it from the repository {@code from}. */
    default void blobReused(Descriptor blob, String from) {}

    default void blobStarted(Descriptor blob) {}

    /** {@code bytes} of the blob are across so far (a resumed transfer continues its count). */
    default void blobProgress(Descriptor blob, long bytes) {}

    /** The blob is at the destination, verified. */
    default void blobDone(Descriptor blob) {}

    /** A line worth showing: a retry, a mirror that failed, a warning. */
    default void note(String line) {}
}
