package dev.foxbox.registry.endpoint;

import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.Manifest;

/**
 * A manifest or index as a registry sent it.
 *
 * @param bytes    exactly the bytes received: stored as they are, so the digest stays the registry's
 * @param digest   their digest
 * @param manifest what they say
 */
public record FetchedManifest(byte[] bytes, Digest digest, Manifest manifest) {

    /** A descriptor of these bytes, typed as the document says. */
    public Descriptor descriptor() {
        return new Descriptor(manifest.mediaType(), digest, bytes.length);
    }
}
