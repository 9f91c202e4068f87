package dev.foxbox.image.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A pointer to content: its media type, digest and size, as the OCI image spec defines it.
 *
 * <p>{@code platform} is set on entries of an index; {@code annotations} carry, among others,
 * the tag of an entry in a layout's {@code index.json} ({@link #REF_NAME}).
 */
public record Descriptor(
        MediaType mediaType,
        Digest digest,
        long size,
        List<String> urls,
        Map<String, String> annotations,
        Platform platform,
        String artifactType) {

    /** The annotation that names an image inside an OCI image layout's index.json. */
    public static final String REF_NAME = "org.opencontainers.image.ref.name";

    /**
     * On an index.json entry that names one platform's manifest of a multi-platform image: the
     * digest of the registry's index it was picked from (what the registry knows the tag by).
     */
    public static final String INDEX_DIGEST = "dev.foxbox.image.index.digest";

    public Descriptor {
        if (mediaType == null) {
            throw new IllegalArgumentException("descriptor has no mediaType");
        }
        if (digest == null) {
            throw new IllegalArgumentException("descriptor has no digest");
        }
        if (size < 0) {
            throw new IllegalArgumentException("descriptor of " + digest + " has a negative size " + size);
        }
        urls = urls == null ? List.of() : List.copyOf(urls);
        annotations = annotations == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
    }

    public Descriptor(MediaType mediaType, Digest digest, long size) {
        this(mediaType, digest, size, List.of(), Map.of(), null, null);
    }

    /** The value of {@link #REF_NAME}, or null. */
    public String refName() {
        return annotations.get(REF_NAME);
    }

    public Descriptor withAnnotations(Map<String, String> newAnnotations) {
        return new Descriptor(mediaType, digest, size, urls, newAnnotations, platform, artifactType);
    }

    /** This descriptor with its ref name annotation set to {@code name}, or removed when null. */
    public Descriptor withRefName(String name) {
        Map<String, String> copy = new TreeMap<>(annotations);
        if (name == null) {
            copy.remove(REF_NAME);
        } else {
            copy.put(REF_NAME, name);
        }
        return withAnnotations(copy);
    }

    public Descriptor withPlatform(Platform newPlatform) {
        return new Descriptor(mediaType, digest, size, urls, annotations, newPlatform, artifactType);
    }
}
