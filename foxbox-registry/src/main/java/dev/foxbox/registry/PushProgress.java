package dev.foxbox.registry;

import dev.foxbox.registry.copy.CopyProgress;

/**
 * What a push tells its caller as it goes: a copy's events ({@link CopyProgress}; "skipped"
 * means the registry has the blob, "reused" that it mounted it from another repository), then
 * {@link #finished} once the manifest is in.
 */
public interface PushProgress extends CopyProgress {

    default void finished(PushedImage image) {}

    /** Reports nothing. */
    static PushProgress quiet() {
        return new PushProgress() {};
    }
}
