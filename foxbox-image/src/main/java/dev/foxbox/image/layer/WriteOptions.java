package dev.foxbox.image.layer;

import dev.foxbox.image.SourceDateEpoch;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link LayerWriter} records metadata.
 *
 * @param sourceDateEpoch when present, no mtime in the layer is later than this
 *     (reproducible-builds.org's SOURCE_DATE_EPOCH): rebuilding the same tree later gives the
 *     same layer digest even though the files were written anew
 * @param owner when present, every entry is owned by this uid and gid instead of what the
 *     files have on disk (typically 0:0 for files a rootless build created as the user)
 */
public record WriteOptions(Optional<Instant> sourceDateEpoch, Optional<Owner> owner) {

    /** A numeric owner. */
    public record Owner(int uid, int gid) {}

    public WriteOptions {
        Objects.requireNonNull(sourceDateEpoch, "sourceDateEpoch");
        Objects.requireNonNull(owner, "owner");
    }

    /** Times and owners as on disk. */
    public static WriteOptions defaults() {
        return new WriteOptions(Optional.empty(), Optional.empty());
    }

    /** Defaults, with mtimes clamped to {@code SOURCE_DATE_EPOCH} when the environment sets it. */
    public static WriteOptions fromEnvironment() {
        return new WriteOptions(Optional.ofNullable(SourceDateEpoch.fromEnvironment(System.getenv("SOURCE_DATE_EPOCH"))),
                Optional.empty());
    }

    public WriteOptions withSourceDateEpoch(Instant epoch) {
        return new WriteOptions(Optional.of(epoch), owner);
    }

    public WriteOptions withOwner(int uid, int gid) {
        return new WriteOptions(sourceDateEpoch, Optional.of(new Owner(uid, gid)));
    }
}
