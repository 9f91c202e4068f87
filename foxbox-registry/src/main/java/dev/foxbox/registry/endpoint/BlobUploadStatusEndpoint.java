package dev.foxbox.registry.endpoint;

import dev.foxbox.image.model.Descriptor;
import dev.foxbox.registry.client.RegistryEndpoint;
import dev.foxbox.registry.client.Response;
import java.io.IOException;

/**
 * {@code GET <upload URL>}: how many bytes of an upload the registry has ({@code Range}), after a
 * chunk whose connection broke left that unknown.
 */
public final class BlobUploadStatusEndpoint implements RegistryEndpoint<UploadSession> {

    private final UploadSession session;
    private final Descriptor blob;
    private final String to;

    public BlobUploadStatusEndpoint(UploadSession session, Descriptor blob, String to) {
        this.session = session;
        this.blob = blob;
        this.to = to;
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String url(String base) {
        return session.url();
    }

    @Override
    public String action() {
        return "check the upload of blob " + blob.digest() + " to " + to;
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
