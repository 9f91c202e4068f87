package dev.foxbox.image.archive;

import java.util.Locale;

/** The archive formats {@code foxbox save} writes and {@code foxbox load} reads. */
public enum ArchiveFormat {
    /**
     * An OCI image layout in a tar: {@code oci-layout}, {@code index.json} and
     * {@code blobs/<algorithm>/<hex>}. Manifests, configs and layers travel as they are, so every
     * digest survives a save and a load.
     */
    OCI_ARCHIVE("oci-archive"),
    /**
     * What {@code docker save} writes: {@code manifest.json} (config and layer file names, tags),
     * the config as {@code <id>.json} and each layer as an uncompressed tar. There is no manifest
     * in it: the config (and so the image id) and the layers' diff_ids survive, a manifest digest
     * does not.
     */
    DOCKER_ARCHIVE("docker-archive");

    private final String id;

    ArchiveFormat(String id) {
        this.id = id;
    }

    /** The name on the command line: {@code oci-archive}, {@code docker-archive}. */
    public String id() {
        return id;
    }

    public static ArchiveFormat parse(String text) {
        for (ArchiveFormat f : values()) {
            if (f.id.equals(text.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown archive format '" + text + "' (oci-archive or docker-archive)");
    }

    @Override
    public String toString() {
        return id;
    }
}
