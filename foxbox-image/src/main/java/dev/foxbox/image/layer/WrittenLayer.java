package dev.foxbox.image.layer;

import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.MediaType;

/**
 * A layer blob just written: what a manifest's layer descriptor and the config's
 * {@code rootfs.diff_ids} need.
 *
 * @param diffId sha256 of the uncompressed tar
 * @param digest sha256 of the blob as written (compressed)
 * @param size bytes of the blob as written
 */
public record WrittenLayer(Digest diffId, Digest digest, long size, MediaType mediaType) {}
