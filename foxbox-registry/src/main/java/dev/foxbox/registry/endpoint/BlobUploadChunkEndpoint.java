package dev.foxbox.registry.endpoint;

import dev.foxbox.image.model.Descriptor;
import dev.foxbox.registry.RegistryException;
import dev.foxbox.registry.client.RegistryEndpoint;
import dev.foxbox.registry.client.Response;
import java.io.IOException;
import java.util.Map;

/**
 * {@code PATCH <upload URL>} with {@code Content-Range: <first>-<last>}: one chunk of a chunked
 * upload, from the byte the session is at. The registry answers 202 with the session's next URL
 * and its {@code Range}; a chunk that does not start where the registry is (it kept part of an
 * earlier, broken attempt) gets 416, after which the uploader asks where it is
 * ({@link BlobUploadStatusEndpoint}) and sends the rest of the chunk from there.
 */
public final class BlobUploadChunkEndpoint implements RegistryEndpoint<UploadSession> {

    private final UploadSession session;
    private final byte[] bytes;
    private final int offset;
    private final int length;
    private final Descriptor blob;
    private final String to;

    /** Sends {@code length} bytes of {@code bytes} from {@code offset}, as the blob's bytes from {@code session.offset()}. */
    public BlobUploadChunkEndpoint(UploadSession session, byte[] bytes, int offset, int length, Descriptor blob, String to) {
        if (length <= 0) {
            throw new IllegalArgumentException("an upload chunk needs bytes");
        }
        this.session = session;
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.blob = blob;
        this.to = to;
    }

    @Override
    public String method() {
        return "PATCH";
    }

    @Override
    public String url(String base) {
        return session.url();
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Content-Range", session.offset() + "-" + (session.offset() + length - 1));
    }

    @Override
    public Body body() {
        return new Body("application/octet-stream", bytes, offset, length);
    }

    @Override
    public String action() {
        return "push blob " + blob.digest() + " to " + to + " (bytes " + session.offset() + "-"
                + (session.offset() + length - 1) + ")";
    }

    @Override
    public String repositoryActions() {
        return "pull,push";
    }

    @Override
    public UploadSession handle(Response response) throws IOException {
        long expected = session.offset() + length;
        UploadSession next = UploadSession.from(response, action(), expected);
        if (next.offset() != expected) {
            throw new RegistryException(action() + ": the registry has " + next.offset() + " bytes, not " + expected);
        }
        return next;
    }
}
