package dev.foxbox.image.layer;

import dev.foxbox.image.model.Digest;
import java.util.List;

/**
 * What applying one layer did.
 *
 * @param entries tar entries applied, whiteouts included, skipped device nodes excluded
 * @param bytesWritten bytes of regular file content written
 * @param diffId the sha256 of the uncompressed tar, to check against the image config's
 *     {@code rootfs.diff_ids}
 * @param notes one-line notes about what could not be applied as asked, each naming the layer
 */
public record UnpackReport(String layerName, long entries, long bytesWritten, Digest diffId, List<String> notes) {
    public UnpackReport {
        notes = List.copyOf(notes);
    }
}
