package dev.foxbox.image.model;

import java.util.List;
import java.util.Map;

/**
 * A single-platform image: its config and its layers, bottom first.
 *
 * <p>Docker's schema 2 manifest has the same shape as the OCI manifest; {@link #mediaType} says
 * which one was read, and {@link #toOci()} converts.
 */
public record ImageManifest(
        MediaType mediaType,
        Descriptor config,
        List<Descriptor> layers,
        Map<String, String> annotations,
        Descriptor subject,
        String artifactType) implements Manifest {

    public ImageManifest {
        if (mediaType == null || !mediaType.isManifest()) {
            throw new IllegalArgumentException("not an image manifest media type: " + mediaType);
        }
        if (config == null) {
            throw new IllegalArgumentException("manifest has no config");
        }
        layers = layers == null ? List.of() : List.copyOf(layers);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public ImageManifest(Descriptor config, List<Descriptor> layers) {
        this(MediaType.OCI_MANIFEST, config, layers, Map.of(), null, null);
    }

    /**
     * The OCI form of this manifest: Docker media types of the config and of gzip layers are
     * mapped to their OCI equivalents; digests are unchanged, so the same blobs serve both.
     */
    public ImageManifest toOci() {
        if (mediaType.equals(MediaType.OCI_MANIFEST)) {
            return this;
        }
        Descriptor ociConfig = retype(config, MediaType.OCI_CONFIG);
        List<Descriptor> ociLayers = layers.stream().map(l -> retype(l, ociLayerType(l.mediaType()))).toList();
        return new ImageManifest(MediaType.OCI_MANIFEST, ociConfig, ociLayers, annotations, subject, artifactType);
    }

    private static MediaType ociLayerType(MediaType type) {
        if (type.equals(MediaType.DOCKER_LAYER_GZIP)) {
            return MediaType.OCI_LAYER_GZIP;
        }
        if (type.equals(MediaType.DOCKER_FOREIGN_LAYER_GZIP)) {
            return MediaType.OCI_LAYER_NONDISTRIBUTABLE_GZIP;
        }
        return type;
    }

    private static Descriptor retype(Descriptor d, MediaType type) {
        return new Descriptor(type, d.digest(), d.size(), d.urls(), d.annotations(), d.platform(), d.artifactType());
    }
}
