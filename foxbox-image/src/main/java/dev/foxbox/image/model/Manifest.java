package dev.foxbox.image.model;

/**
 * What a manifest digest can point at: one image ({@link ImageManifest}) or a list of images
 * ({@link ImageIndex}). Code that follows a reference switches on the two.
 */
public sealed interface Manifest permits ImageManifest, ImageIndex {
    MediaType mediaType();
}
