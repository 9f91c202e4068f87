package dev.foxbox.registry.endpoint;

import dev.foxbox.image.model.Descriptor;
import dev.foxbox.registry.client.RegistryEndpoint;
import dev.foxbox.registry.client.Response;
import java.io.IOException;

/** {@code POST /v2/<name>/blobs/uploads/}: opens an upload session, whose URL the 202's Location gives. */
public final class BlobUploadStartEndpoint implements RegistryEndpoint<UploadSession> {

    private final String repository;
    private final Descriptor blob;
    private final String to;

    /**
     * @param repository the repository path on the host
     * @param to         the repository as the user knows it, for messages
     */
    public BlobUploadStartEndpoint(String repository, Descriptor blob, String to) {
        this.repository = repository;
        this.blob = blob;
        this.to = to;
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public String url(String base) {
        return base + "/v2/" + repository + "/blobs/uploads/";
    }

    @Override
    public String action() {
        return "push blob " + blob.digest() + " to " + to;
    }

    @Override
    public String repositoryActions() {
        return "pull,push";
    }

    @Override
    public UploadSession handle(Response response) throws IOException {
        return UploadSession.from(response, action(), 0);
    }
}
