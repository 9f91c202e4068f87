package dev.foxbox.registry.endpoint;

import dev.foxbox.image.model.Descriptor;
import dev.foxbox.registry.client.RegistryEndpoint;
import dev.foxbox.registry.client.Response;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code POST /v2/<name>/blobs/uploads/?mount=<digest>&from=<other>}: a cross-repository mount,
 * which gives the repository a blob another repository of the registry has, without its bytes.
 * 201 means mounted; a registry that cannot (no such blob there, no access, not supported)
 * answers 202 with an upload session instead, which the push then uses.
 */
public final class BlobMountEndpoint implements RegistryEndpoint<BlobMountEndpoint.Result> {

    /** Mounted, or not, in which case {@code upload} is the session the registry opened instead. */
    public record Result(boolean mounted, UploadSession upload) {}

    private final String repository;
    private final Descriptor blob;
    private final String from;
    private final String to;

    /**
     * @param repository the repository path on the host to mount into
     * @param from       the repository path on the same host that has the blob
     * @param to         the repository as the user knows it, for messages
     */
    public BlobMountEndpoint(String repository, Descriptor blob, String from, String to) {
        this.repository = repository;
        this.blob = blob;
        this.from = from;
        this.to = to;
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public String url(String base) {
        return base + "/v2/" + repository + "/blobs/uploads/?mount="
                + URLEncoder.encode(blob.digest().toString(), StandardCharsets.UTF_8)
                + "&from=" + URLEncoder.encode(from, StandardCharsets.UTF_8);
    }

    @Override
    public String action() {
        return "mount blob " + blob.digest() + " from " + from + " into " + to;
    }

    @Override
    public String repositoryActions() {
        return "pull,push";
    }

    @Override
    public List<String> otherRepositories() {
        return List.of(from);
    }

    @Override
    public Result handle(Response response) throws IOException {
        if (response.status() == 201) {
            return new Result(true, null);
        }
        return new Result(false, UploadSession.from(response, action(), 0));
    }
}
