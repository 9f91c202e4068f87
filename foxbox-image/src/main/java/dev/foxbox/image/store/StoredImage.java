package dev.foxbox.image.store;

import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.ImageConfig;
import dev.foxbox.image.model.ImageManifest;
import dev.foxbox.image.model.ImageReference;

/**
 * An image in the local store, resolved for one platform.
 *
 * @param reference the name it is tagged with, normalized; null for an untagged entry
 * @param entry     its entry in index.json (a manifest, or an index of several platforms)
 * @param target    the descriptor of the platform's image manifest (equal to entry for a single-platform image)
 * @param manifest  that manifest
 * @param config    its config
 */
public record StoredImage(ImageReference reference, Descriptor entry, Descriptor target, ImageManifest manifest,
                          ImageConfig config) {

    /** The image id, as docker and podman define it: the digest of the config. */
    public Digest id() {
        return manifest.config().digest();
    }

    public Digest manifestDigest() {
        return target.digest();
    }

    /**
     * The digest a registry knows the image by: the index's, for a multi-platform image (the
     * entry itself, or the {@link Descriptor#INDEX_DIGEST} a pull recorded on it).
     */
    public Digest repoDigest() {
        String index = entry.annotations().get(Descriptor.INDEX_DIGEST);
        return index != null && Digest.isDigest(index) ? Digest.parse(index) : entry.digest();
    }

    /** Bytes this platform's image takes in the store: index, manifest, config and layers. */
    public long size() {
        long size = target.size() + manifest.config().size();
        if (!entry.digest().equals(target.digest())) {
            size += entry.size();
        }
        for (Descriptor layer : manifest.layers()) {
            size += layer.size();
        }
        return size;
    }
}
