package dev.foxbox.registry.client;

import com.google.api.client.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * One HTTP response, as endpoints see it: status, headers, and the body as a stream. Endpoints
 * never see the HTTP library, so they can be read (and tested) on their own.
 */
public final class Response implements AutoCloseable {

    private final HttpResponse response;
    private final String url;

    Response(HttpResponse response, String url) {
        this.response = response;
        this.url = url;
    }

    public int status() {
        return response.getStatusCode();
    }

    /** The status line's text, e.g. "Service Unavailable"; may be null. */
    public String statusMessage() {
        return response.getStatusMessage();
    }

    /** The URL that answered (after redirects). */
    public String url() {
        return url;
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        return response.getHeaders().getFirstHeaderStringValue(name);
    }

    /** Content-Length, or -1 when the registry did not say. */
    public long contentLength() {
        Long length = response.getHeaders().getContentLength();
        return length == null ? -1 : length;
    }

    /**
     * The body; an empty stream when there is none. The client asks for no content encoding, but
     * a server that gzips anyway (some proxies do) is undone here, so digests are of the real bytes.
     */
    public InputStream body() throws IOException {
        InputStream in = response.getContent();
        if (in == null) {
            return InputStream.nullInputStream();
        }
        String encoding = response.getContentEncoding();
        if (encoding != null && (encoding.equalsIgnoreCase("gzip") || encoding.equalsIgnoreCase("x-gzip"))) {
            return new java.util.zip.GZIPInputStream(in, 64 * 1024);
        }
        return in;
    }

    /** Reads at most {@code limit} bytes of the body, for error messages and small documents. */
    public byte[] bodyPrefix(int limit) throws IOException {
        try (InputStream in = body()) {
            return in.readNBytes(limit);
        }
    }

    /** Done with the body: a fully read connection goes back to the pool for the next request. */
    @Override
    public void close() {
        try {
            response.ignore();
        } catch (IOException | RuntimeException e) {
            abort();
        }
    }

    /** Drops the connection, for a body that will not be read to its end. */
    void abort() {
        try {
            response.disconnect();
        } catch (IOException | RuntimeException e) {
            // The connection is gone either way.
        }
    }
}
