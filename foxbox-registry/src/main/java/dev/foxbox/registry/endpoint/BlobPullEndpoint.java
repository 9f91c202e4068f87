package dev.foxbox.registry.endpoint;

import dev.foxbox.image.model.Descriptor;
import dev.foxbox.registry.RegistryException;
import dev.foxbox.registry.client.RegistryEndpoint;
import dev.foxbox.registry.client.RegistryErrors;
import dev.foxbox.registry.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /v2/<name>/blobs/<digest>}: streams a blob into a {@link BlobSink}. Sent again after
 * a broken connection, it asks only for the bytes the sink lacks ({@code Range: bytes=N-}); a
 * registry that ignores Range and sends the whole blob has the known part skipped. It never
 * takes more bytes than the descriptor's size; digest checking is the sink's commit.
 */
public final class BlobPullEndpoint implements RegistryEndpoint<Void> {

    private static final int BUFFER = 256 * 1024;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");

    private final String repository;
    private final Descriptor blob;
    private final BlobSink sink;
    private final String from;

    /**
     * @param repository the repository path on the host
     * @param from       the repository as the user knows it, for messages ({@code localhost:5000/app})
     */
    public BlobPullEndpoint(String repository, Descriptor blob, BlobSink sink, String from) {
        this.repository = repository;
        this.blob = blob;
        this.sink = sink;
        this.from = from;
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String url(String base) {
        return base + "/v2/" + repository + "/blobs/" + blob.digest();
    }

    @Override
    public Map<String, String> headers() {
        long offset = sink.written();
        return offset > 0 ? Map.of("Range", "bytes=" + offset + "-") : Map.of();
    }

    @Override
    public String action() {
        return "pull blob " + blob.digest() + " from " + from;
    }

    @Override
    public long progress() {
        return sink.written();
    }

    @Override
    public Void handle(Response response) throws IOException {
        long offset = sink.written();
        long skip = offset;
        if (response.status() == 206) {
            Matcher m = CONTENT_RANGE.matcher(String.valueOf(response.header("Content-Range")));
            if (!m.matches() || Long.parseLong(m.group(1)) > offset) {
                throw new RegistryException(action() + ": the registry answered the range request from byte " + offset
                        + " with " + response.header("Content-Range"));
            }
            skip = offset - Long.parseLong(m.group(1));
        }
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = response.body()) {
            while (skip > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, skip));
                if (n < 0) {
                    throw new IOException("the connection closed while skipping to byte " + offset);
                }
                skip -= n;
            }
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                if (sink.written() + n > blob.size()) {
                    throw new RegistryException(action() + ": the registry sent more than the " + blob.size()
                            + " bytes the manifest lists");
                }
                try {
                    sink.write(buffer, 0, n);
                } catch (SinkException e) {
                    throw e;
                } catch (IOException e) {
                    throw new SinkException(action() + ": cannot write to the store: " + e.getMessage(), e);
                }
            }
        }
        if (sink.written() < blob.size()) {
            throw new IOException("the connection closed after " + sink.written() + " of " + blob.size() + " bytes");
        }
        return null;
    }

    @Override
    public Void handleError(Response response, RegistryErrors errors) throws IOException {
        if (response.status() == 404) {
            throw new RegistryException(action() + ": blob unknown to registry", 404, errors.codes(), null);
        }
        throw errors.exception(action());
    }
}
