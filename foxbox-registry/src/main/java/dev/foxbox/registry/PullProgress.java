package dev.foxbox.registry;

import dev.foxbox.image.store.StoredImage;
import dev.foxbox.registry.copy.CopyProgress;

/**
 * What a pull tells its caller as it goes: a copy's events ({@link CopyProgress}; "skipped"
 * means the store has the blob), then {@link #finished}. An image that is up to date gets no
 * {@link #resolved} and no blob events, only {@link #finished}.
 */
public interface PullProgress extends CopyProgress {

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
