package dev.foxbox.image.layer;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * How {@link LayerUnpacker} applies layers.
 *
 * @param applyOwnership whether to lchown every entry to the numeric uid and gid of its header.
 *     By default only when running as root: an unprivileged user can only own its own files,
 *     and a rootless runtime maps ownership with user namespaces instead.
 * @param notes where one-line notes go at the end of each layer (e.g. "skipped 3 device
 *     nodes"); they are also returned in the {@link UnpackReport}
 */
public record UnpackOptions(boolean applyOwnership, Consumer<String> notes) {

    public UnpackOptions {
        Objects.requireNonNull(notes, "notes");
    }

    /** Ownership when the effective uid is 0, notes discarded (they are still in the report). */
    public static UnpackOptions defaults() {
        return new UnpackOptions(Syscalls.geteuid() == 0, note -> {});
    }

    public UnpackOptions withOwnership(boolean apply) {
        return new UnpackOptions(apply, notes);
    }

    public UnpackOptions withNotes(Consumer<String> sink) {
        return new UnpackOptions(applyOwnership, sink);
    }
}
