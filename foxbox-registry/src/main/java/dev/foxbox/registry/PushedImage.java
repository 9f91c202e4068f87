package dev.foxbox.registry;

import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.ImageReference;

/**
 * An image a push put into a registry.
 *
 * @param reference where it went ({@code localhost:5000/app:1})
 * @param manifest  its manifest as the registry has it: the same bytes, and so the same digest,
 *                  as in the local store
 */
public record PushedImage(ImageReference reference, Descriptor manifest) {

    public Digest digest() {
        return manifest.digest();
    }
}
