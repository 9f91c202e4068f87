package dev.foxbox.registry.endpoint;

import dev.foxbox.image.model.Digest;
import dev.foxbox.registry.RegistryException;
import dev.foxbox.registry.client.RegistryEndpoint;
import dev.foxbox.registry.client.Response;
import java.io.IOException;

/**
 * {@code PUT /v2/<name>/manifests/<tag>}: the manifest, last of a push, as the bytes the store
 * has (so its digest is the same everywhere) with its own media type as Content-Type. The
 * registry refuses it (400, MANIFEST_BLOB_UNKNOWN) while a blob it names is missing.
 */
public final class ManifestPushEndpoint implements RegistryEndpoint<Digest> {

    private final String repository;
    private final String reference;
    private final FetchedManifest manifest;
    private final String image;

    /**
     * @param repository the repository path on the host
     * @param reference  the tag (or the manifest's digest) to put it under
     * @param image      the image as the user named it, for messages
     */
    public ManifestPushEndpoint(String repository, String reference, FetchedManifest manifest, String image) {
        this.repository = repository;
        this.reference = reference;
        this.manifest = manifest;
        this.image = image;
    }

    @Override
    public String method() {
        return "PUT";
    }

    @Override
    public String url(String base) {
        return base + ManifestTypes.path(repository, reference);
    }

    @Override
    public Body body() {
        return new Body(manifest.manifest().mediaType().value(), manifest.bytes());
    }

    @Override
    public String action() {
        return "push manifest " + image;
    }

    @Override
    public String repositoryActions() {
        return "pull,push";
    }

    /** The digest the registry stored the manifest under: the bytes' own. */
    @Override
    public Digest handle(Response response) throws IOException {
        String header = response.header("Docker-Content-Digest");
        if (header != null && Digest.isDigest(header.strip()) && !Digest.parse(header.strip()).equals(manifest.digest())) {
            throw new RegistryException(action() + ": the registry stored it as " + header.strip() + ", not as "
                    + manifest.digest() + " (did it change the manifest?)");
        }
        return manifest.digest();
    }
}
