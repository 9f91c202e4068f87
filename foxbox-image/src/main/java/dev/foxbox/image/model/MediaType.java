package dev.foxbox.image.model;

import java.util.Locale;

/**
 * An IANA-style media type such as {@code application/vnd.oci.image.manifest.v1+json}.
 *
 * <p>Parameters ({@code ; charset=…}) are dropped; the type is kept in lower case so that
 * comparisons are exact.
 */
public record MediaType(String value) {

    public static final MediaType OCI_MANIFEST = new MediaType("application/vnd.oci.image.manifest.v1+json");
    public static final MediaType OCI_INDEX = new MediaType("application/vnd.oci.image.index.v1+json");
    public static final MediaType OCI_CONFIG = new MediaType("application/vnd.oci.image.config.v1+json");
    public static final MediaType OCI_LAYER = new MediaType("application/vnd.oci.image.layer.v1.tar");
    public static final MediaType OCI_LAYER_GZIP = new MediaType("application/vnd.oci.image.layer.v1.tar+gzip");
    public static final MediaType OCI_LAYER_ZSTD = new MediaType("application/vnd.oci.image.layer.v1.tar+zstd");
    public static final MediaType OCI_LAYER_NONDISTRIBUTABLE_GZIP =
            new MediaType("application/vnd.oci.image.layer.nondistributable.v1.tar+gzip");

    public static final MediaType DOCKER_MANIFEST = new MediaType("application/vnd.docker.distribution.manifest.v2+json");
    public static final MediaType DOCKER_MANIFEST_LIST =
            new MediaType("application/vnd.docker.distribution.manifest.list.v2+json");
    public static final MediaType DOCKER_CONFIG = new MediaType("application/vnd.docker.container.image.v1+json");
    public static final MediaType DOCKER_LAYER_GZIP = new MediaType("application/vnd.docker.image.rootfs.diff.tar.gzip");
    public static final MediaType DOCKER_FOREIGN_LAYER_GZIP =
            new MediaType("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip");
    public static final MediaType DOCKER_SCHEMA1_MANIFEST =
            new MediaType("application/vnd.docker.distribution.manifest.v1+json");
    public static final MediaType DOCKER_SCHEMA1_SIGNED_MANIFEST =
            new MediaType("application/vnd.docker.distribution.manifest.v1+prettyjws");

    public MediaType {
        if (value == null) {
            throw new IllegalArgumentException("media type is missing");
        }
        int semicolon = value.indexOf(';');
        value = (semicolon >= 0 ? value.substring(0, semicolon) : value).trim().toLowerCase(Locale.ROOT);
        if (!Syntax.isMediaType(value)) {
            throw new IllegalArgumentException("invalid media type '" + value + "'");
        }
    }

    public static MediaType of(String value) {
        return new MediaType(value);
    }

    /** An image index or a Docker manifest list: a list of manifests, one per platform. */
    public boolean isIndex() {
        return equals(OCI_INDEX) || equals(DOCKER_MANIFEST_LIST);
    }

    /** A single-platform image manifest, OCI or Docker schema 2. */
    public boolean isManifest() {
        return equals(OCI_MANIFEST) || equals(DOCKER_MANIFEST);
    }

    public boolean isSchema1() {
        return equals(DOCKER_SCHEMA1_MANIFEST) || equals(DOCKER_SCHEMA1_SIGNED_MANIFEST);
    }

    /** A filesystem layer in any of the encodings foxbox reads. */
    public boolean isLayer() {
        return value.startsWith("application/vnd.oci.image.layer.")
                || value.startsWith("application/vnd.docker.image.rootfs.");
    }

    // equals and hashCode by hand: a record's generated ones are bootstrapped through method
    // handles the first time they run, milliseconds of every short command's start-up.
    @Override
    public boolean equals(Object o) {
        return o instanceof MediaType m && value.equals(m.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
