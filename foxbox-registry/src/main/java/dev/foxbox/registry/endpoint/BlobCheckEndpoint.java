package dev.foxbox.registry.endpoint;

import dev.foxbox.image.model.Descriptor;
import dev.foxbox.registry.client.RegistryEndpoint;
import dev.foxbox.registry.client.RegistryErrors;
import dev.foxbox.registry.client.Response;
import java.io.IOException;

/**
 * {@code HEAD /v2/<name>/blobs/<digest>}: whether the repository has the blob already, so that a
 * push skips it. A blob of another size is taken for absent (it is uploaded again, and the
 * registry checks the digest).
 */
public final class BlobCheckEndpoint implements RegistryEndpoint<Boolean> {

    private final String repository;
    private final Descriptor blob;
    private final String to;

    /**
     * @param repository the repository path on the host
     * @param to         the repository as the user knows it, for messages ({@code localhost:5000/app})
     */
    public BlobCheckEndpoint(String repository, Descriptor blob, String to) {
        this.repository = repository;
        this.blob = blob;
        this.to = to;
    }

    @Override
    public String method() {
        return "HEAD";
    }

    @Override
    public String url(String base) {
        return base + "/v2/" + repository + "/blobs/" + blob.digest();
    }

    @Override
    public String action() {
        return "check blob " + blob.digest() + " in " + to;
    }

    @Override
    public String repositoryActions() {
        return "pull,push"; // the token every request of a push shares
    }

    @Override
    public Boolean handle(Response response) {
        long length = response.contentLength();
        return length < 0 || length == blob.size();
    }

    @Override
    public Boolean handleError(Response response, RegistryErrors errors) throws IOException {
        if (response.status() == 404) {
            return false;
        }
        throw errors.exception(action());
    }
}
