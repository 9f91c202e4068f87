package dev.foxbox.registry.endpoint;

import dev.foxbox.image.model.Digest;
import dev.foxbox.registry.client.RegistryEndpoint;
import dev.foxbox.registry.client.RegistryErrors;
import dev.foxbox.registry.client.Response;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code HEAD /v2/<name>/manifests/<tag or digest>}: the digest a tag points at now, from
 * {@code Docker-Content-Digest}, without downloading the manifest. What makes a re-pull of an
 * unchanged tag cost one request. Empty when the registry does not say (no header, HEAD not
 * supported, not found): the caller then GETs the manifest, which says for sure.
 */
public final class ManifestCheckEndpoint implements RegistryEndpoint<Optional<Digest>> {

    private final String repository;
    private final String reference;
    private final String image;

    /**
     * @param repository the repository path on the host
     * @param reference  a tag or a digest
     * @param image      the image as the user named it, for messages
     */
    public ManifestCheckEndpoint(String repository, String reference, String image) {
        this.repository = repository;
        this.reference = reference;
        this.image = image;
    }

    @Override
    public String method() {
        return "HEAD";
    }

    @Override
    public String url(String base) {
        return base + ManifestTypes.path(repository, reference);
    }

    @Override
    public List<String> accept() {
        return ManifestTypes.ACCEPTED;
    }

    @Override
    public String action() {
        return "check manifest " + image;
    }

    @Override
    public Optional<Digest> handle(Response response) {
        String header = response.header("Docker-Content-Digest");
        return header != null && Digest.isDigest(header.strip()) ? Optional.of(Digest.parse(header.strip())) : Optional.empty();
    }

    @Override
    public Optional<Digest> handleError(Response response, RegistryErrors errors) throws IOException {
        if (response.status() == 404 || response.status() == 405) {
            return Optional.empty();
        }
        throw errors.exception(action());
    }
}
