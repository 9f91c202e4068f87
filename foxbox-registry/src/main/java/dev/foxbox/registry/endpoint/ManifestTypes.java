package dev.foxbox.registry.endpoint;

import dev.foxbox.image.model.MediaType;
import java.util.List;

/** The manifest media types foxbox asks registries for: OCI and Docker schema 2, single and multi-platform. */
final class ManifestTypes {

    /** In order of preference; schema 1 is not among them, so registries convert or refuse. */
    static final List<String> ACCEPTED = List.of(
            MediaType.OCI_INDEX.value(),
            MediaType.OCI_MANIFEST.value(),
            MediaType.DOCKER_MANIFEST_LIST.value(),
            MediaType.DOCKER_MANIFEST.value());

    private ManifestTypes() {}

    static String path(String repository, String reference) {
        return "/v2/" + repository + "/manifests/" + reference;
    }
}
