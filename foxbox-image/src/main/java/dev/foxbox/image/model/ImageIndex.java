package dev.foxbox.image.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A list of manifests, usually one per platform: the OCI image index or Docker's manifest list.
 * An OCI image layout's {@code index.json} is one too.
 */
public record ImageIndex(MediaType mediaType, List<Descriptor> manifests, Map<String, String> annotations)
        implements Manifest {

    public ImageIndex {
        if (mediaType == null || !mediaType.isIndex()) {
            throw new IllegalArgumentException("not an image index media type: " + mediaType);
        }
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public static ImageIndex empty() {
        return new ImageIndex(MediaType.OCI_INDEX, List.of(), Map.of());
    }

    /** The first manifest built for {@code wanted}, in the index's order (its preference). */
    public Optional<Descriptor> manifestFor(Platform wanted) {
        return manifests.stream()
                .filter(d -> d.mediaType().isManifest() && d.platform() != null && wanted.matches(d.platform()))
                .findFirst();
    }

    /** The platforms on offer, for error messages that say what the image has. */
    public List<Platform> platforms() {
        List<Platform> out = new ArrayList<>();
        for (Descriptor d : manifests) {
            if (d.platform() != null) {
                out.add(d.platform());
            }
        }
        return List.copyOf(out);
    }

    public ImageIndex withManifests(List<Descriptor> newManifests) {
        return new ImageIndex(mediaType, newManifests, annotations);
    }

    /** The OCI form: Docker's manifest list type and entries mapped to OCI media types. */
    public ImageIndex toOci() {
        List<Descriptor> entries = manifests.stream().map(d -> d.mediaType().equals(MediaType.DOCKER_MANIFEST)
                ? new Descriptor(MediaType.OCI_MANIFEST, d.digest(), d.size(), d.urls(), d.annotations(), d.platform(), d.artifactType())
                : d).toList();
        return new ImageIndex(MediaType.OCI_INDEX, entries, annotations);
    }
}
