package dev.foxbox.registry.client;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * google-http-client's transport over the JDK's {@code java.net.http} client, for the one method
 * its {@code HttpURLConnection} transport cannot send: PATCH, which a chunked blob upload needs
 * (HttpURLConnection refuses the method, JDK-7016595). Request bodies are buffered: the only ones
 * sent here are upload chunks, which the uploader holds in memory anyway.
 */
final class JdkHttpTransport extends HttpTransport {

    /** Headers java.net.http sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** Slowest upload rate a request's timeout allows for, on top of the read timeout. */
    private static final long MIN_BYTES_PER_SECOND = 32 * 1024;

    private final HttpClient client;

    JdkHttpTransport(SSLContext ssl) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER) // RegistryClient follows them itself
                .connectTimeout(CONNECT_TIMEOUT)
                .sslContext(ssl)
                .build();
    }

    @Override
    public boolean supportsMethod(String method) {
        return true;
    }

    @Override
    protected LowLevelHttpRequest buildRequest(String method, String url) {
        return new Request(method, url);
    }

    private final class Request extends LowLevelHttpRequest {
        private final String method;
        private final HttpRequest.Builder builder;
        private Duration readTimeout = Duration.ofSeconds(60);

        Request(String method, String url) {
            this.method = method;
            this.builder = HttpRequest.newBuilder(URI.create(url));
        }

        @Override
        public void addHeader(String name, String value) {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                builder.header(name, value);
            }
        }

        @Override
        public void setTimeout(int connectTimeout, int readTimeout) {
            this.readTimeout = Duration.ofMillis(readTimeout > 0 ? readTimeout : 60_000);
        }

        @Override
        public LowLevelHttpResponse execute() throws IOException {
            byte[] body = new byte[0];
            if (getStreamingContent() != null) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.max(0, Math.min(getContentLength(), 1 << 30)));
                getStreamingContent().writeTo(bytes);
                body = bytes.toByteArray();
            }
            if (getContentType() != null) {
                builder.setHeader("Content-Type", getContentType());
            }
            builder.timeout(readTimeout.plusSeconds(body.length / MIN_BYTES_PER_SECOND));
            builder.method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
            try {
                return new Response(client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while sending " + method);
            }
        }
    }

    private static final class Response extends LowLevelHttpResponse {
        private final HttpResponse<InputStream> response;
        private final List<String> names = new ArrayList<>();
        private final List<String> values = new ArrayList<>();

        Response(HttpResponse<InputStream> response) {
            this.response = response;
            for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
                for (String value : header.getValue()) {
                    names.add(header.getKey());
                    values.add(value);
                }
            }
        }

        @Override
        public InputStream getContent() {
            return response.body();
        }

        @Override
        public String getContentEncoding() {
            return response.headers().firstValue("Content-Encoding").orElse(null);
        }

        @Override
        public long getContentLength() {
            return response.headers().firstValueAsLong("Content-Length").orElse(-1);
        }

        @Override
        public String getContentType() {
            return response.headers().firstValue("Content-Type").orElse(null);
        }

        @Override
        public String getStatusLine() {
            return "HTTP/1.1 " + response.statusCode();
        }

        @Override
        public int getStatusCode() {
            return response.statusCode();
        }

        @Override
        public String getReasonPhrase() {
            return null;
        }

        @Override
        public int getHeaderCount() {
            return names.size();
        }

        @Override
        public String getHeaderName(int index) {
            return names.get(index);
        }

        @Override
        public String getHeaderValue(int index) {
            return values.get(index);
        }

        @Override
        public void disconnect() throws IOException {
            response.body().close();
        }
    }
}
