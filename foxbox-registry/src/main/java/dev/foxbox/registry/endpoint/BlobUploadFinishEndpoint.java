package dev.foxbox.registry.endpoint;

import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.registry.RegistryException;
import dev.foxbox.registry.client.RegistryEndpoint;
import dev.foxbox.registry.client.Response;
import java.io.IOException;
import java.util.Map;

/**
 * {@code PUT <upload URL>?digest=<digest>}: ends an upload, with the last bytes in its body (the
 * whole blob, for a monolithic upload; none after chunks). The registry checks the digest and
 * answers 201; its {@code Docker-Content-Digest}, when it sends one, must be the blob's.
 */
public final class BlobUploadFinishEndpoint implements RegistryEndpoint<Void> {

    private final UploadSession session;
    private final byte[] bytes;
    private final int offset;
    private final int length;
    private final Descriptor blob;
    private final String to;

    /** Ends the upload, sending {@code length} bytes of {@code bytes} from {@code offset} first (0 for none). */
    public BlobUploadFinishEndpoint(UploadSession session, byte[] bytes, int offset, int length, Descriptor blob, String to) {
        this.session = session;
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.blob = blob;
        this.to = to;
    }

    @Override
    public String method() {
        return "PUT";
    }

    @Override
    public String url(String base) {
        return session.with("digest", blob.digest().toString());
    }

    @Override
    public Map<String, String> headers() {
        return length > 0 ? Map.of("Content-Range", session.offset() + "-" + (session.offset() + length - 1)) : Map.of();
    }

    @Override
    public Body body() {
        return new Body("application/octet-stream", bytes, offset, length);
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
    public Void handle(Response response) throws IOException {
        String header = response.header("Docker-Content-Digest");
        if (header != null && Digest.isDigest(header.strip()) && !Digest.parse(header.strip()).equals(blob.digest())) {
            throw new RegistryException(action() + ": the registry stored it as " + header.strip());
        }
        return null;
    }
}
