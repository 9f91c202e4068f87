package dev.foxbox.registry.client;

import com.google.api.client.http.ByteArrayContent;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpTransport;
import dev.foxbox.registry.RegistryException;
import dev.foxbox.registry.auth.CredentialSource;
import dev.foxbox.registry.config.RegistryLocation;
import dev.foxbox.registry.endpoint.TokenEndpoint;
import dev.foxbox.registry.json.TokenJson;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Sends {@link RegistryEndpoint}s to registries, and owns everything around a request:
 * <ul>
 *   <li><b>Scheme.</b> https always; an insecure registry (configured, or on loopback) may be
 *       plain http: its first request tries TLS without verification (plain http first on
 *       loopback), and the scheme that answers is kept for the rest of this client's life.</li>
 *   <li><b>Authentication.</b> A 401's {@code WWW-Authenticate} challenge is answered once per
 *       request: Bearer by fetching a token for the repository's scope (anonymously, or with the
 *       user's credential), Basic by sending the credential. Tokens are kept per registry and
 *       scope until they expire, and a host known to want them gets them up front (the
 *       {@link Authenticator} remembers).</li>
 *   <li><b>Redirects</b> are followed (5 at most); the registry's Authorization goes only to the
 *       registry's own host, never to the storage a blob is redirected to.</li>
 *   <li><b>Retries.</b> 429, 500, 502, 503, 504 and broken connections are retried with
 *       exponential backoff, honouring {@code Retry-After}; an endpoint that made progress
 *       (bytes of a blob) gets a fresh count. Refused connections and unknown hosts fail at
 *       once, so that a mirror that is down costs no waiting.</li>
 *   <li><b>Errors</b> become {@link RegistryException}s that name the action and carry the
 *       registry's own message; no secret ever goes into one.</li>
 * </ul>
 * Thread-safe: one client serves every download of a pull, and several pulls.
 */
public final class RegistryClient {

    private static final int MAX_REDIRECTS = 5;
    private static final String USER_AGENT = "foxbox";

    /** What a client learns as it goes, shared by the views {@link #withNotes} makes. */
    private static final class State {
        final Transports transports = new Transports();
        final Map<String, Host> hosts = new ConcurrentHashMap<>();
        final Authenticator auth;

        State(CredentialSource credentials) {
            this.auth = new Authenticator(credentials);
        }
    }

    /** Per host: the scheme that answered. */
    private static final class Host {
        volatile String scheme;
    }

    private final State state;
    private final RetryPolicy retry;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final Consumer<String> notes;

    /**
     * @param credentials    where to find the user's credentials for a registry
     * @param retry          how to retry
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout    how long a read may wait for bytes before the connection counts as broken
     * @param notes          told about retries and other things worth a line of output
     */
    public RegistryClient(CredentialSource credentials, RetryPolicy retry, Duration connectTimeout, Duration readTimeout,
                          Consumer<String> notes) {
        this(new State(credentials), retry, connectTimeout, readTimeout, notes);
    }

    private RegistryClient(State state, RetryPolicy retry, Duration connectTimeout, Duration readTimeout,
                           Consumer<String> notes) {
        this.state = state;
        this.retry = retry;
        this.connectTimeoutMillis = (int) connectTimeout.toMillis();
        this.readTimeoutMillis = (int) readTimeout.toMillis();
        this.notes = notes;
    }

    /** This client, telling {@code otherNotes} about its retries; tokens and hosts are shared. */
    public RegistryClient withNotes(Consumer<String> otherNotes) {
        return new RegistryClient(state, retry, Duration.ofMillis(connectTimeoutMillis),
                Duration.ofMillis(readTimeoutMillis), otherNotes);
    }

    /**
     * Sends {@code endpoint} to {@code location}.
     *
     * @param repository the repository path on that host (for the token's scope), or null
     */
    public <T> T call(RegistryLocation location, String repository, RegistryEndpoint<T> endpoint) throws IOException {
        Host host = state.hosts.computeIfAbsent(location.host() + (location.insecure() ? "|insecure" : ""), h -> new Host());
        boolean challengeAnswered = false;
        int failures = 0;
        String scheme = null;
        while (true) {
            long progressBefore = endpoint.progress();
            Response response = null;
            try {
                String scope = Authenticator.scope(repository, endpoint.repositoryActions(), endpoint.otherRepositories());
                String authorization = endpoint.registryApi()
                        ? state.auth.authorization(location, repository, scope, endpoint.action(), this::sendTokenRequest) : null;
                scheme = host.scheme != null ? host.scheme : firstScheme(location);
                response = send(host, scheme, location, endpoint, authorization);
                int status = response.status();
                // A loopback registry that wants TLS after all. Several first requests may go out at once
                // (a push's blob checks): one that learns it after another did retries all the same. A HEAD's
                // answer has no body to tell by, but a registry that speaks plain http never answers one with 400.
                if (endpoint.registryApi() && scheme.equals("http") && status == 400 && !"http".equals(host.scheme)
                        && (endpoint.method().equals("HEAD") || speaksTls(response))) {
                    host.scheme = "https";
                    response.close();
                    continue;
                }
                if (host.scheme == null && endpoint.registryApi()) {
                    host.scheme = scheme;
                }
                if (status == 401 && endpoint.registryApi() && !challengeAnswered && sameHost(response.url(), location.host())) {
                    challengeAnswered = true;
                    String header = response.header("WWW-Authenticate");
                    response.close();
                    state.auth.challenged(location, repository, scope, header, endpoint.action(), this::sendTokenRequest);
                    continue;
                }
                if (status >= 200 && status < 300) {
                    T result = endpoint.handle(response);
                    response.close();
                    return result;
                }
                if (isRetriable(status) && failures + 1 < retry.attempts()) {
                    failures++;
                    Duration wait = retryAfter(response.header("Retry-After"), endpoint).orElse(retry.backoff(failures));
                    response.close();
                    note(endpoint.action() + ": HTTP " + status + ", retrying in " + seconds(wait) + " (attempt "
                            + (failures + 1) + " of " + retry.attempts() + ")");
                    sleep(wait);
                    continue;
                }
                RegistryErrors errors = RegistryErrors.read(response);
                response.close();
                if ((status == 401 || status == 403) && endpoint.registryApi()) {
                    throw state.auth.unauthorized(location, repository, endpoint.action(), errors);
                }
                return endpoint.handleError(response, errors);
            } catch (RegistryException | RuntimeException e) {
                abort(response);
                throw e;
            } catch (SSLException e) {
                abort(response);
                if (location.insecure() && endpoint.registryApi() && "https".equals(scheme) && !"https".equals(host.scheme)) {
                    host.scheme = "http"; // an insecure registry that speaks plain http: docker's fallback
                    continue;
                }
                throw new RegistryException(endpoint.action() + ": TLS with " + location.host() + " failed: " + e.getMessage()
                        + (e instanceof SSLHandshakeException && !location.insecure()
                        ? " (trust its certificate with ca-file in registries.conf, or mark it insecure there)" : ""), e);
            } catch (ConnectException | UnknownHostException | NoRouteToHostException e) {
                abort(response);
                throw new RegistryException(endpoint.action() + ": cannot connect to " + location.host() + ": "
                        + describe(e), e);
            } catch (InterruptedIOException e) {
                if (!(e instanceof java.net.SocketTimeoutException)) {
                    abort(response);
                    throw e;
                }
                failures = retryAfterFailure(endpoint, progressBefore, failures, e, response);
            } catch (IOException e) {
                if (host.scheme == null && "http".equals(scheme) && location.insecure() && endpoint.registryApi()) {
                    abort(response);
                    host.scheme = "https"; // plain http got no answer from a loopback registry: try TLS
                    continue;
                }
                failures = retryAfterFailure(endpoint, progressBefore, failures, e, response);
            }
        }
    }

    private TokenJson.Token sendTokenRequest(RegistryLocation location, TokenEndpoint endpoint) throws IOException {
        return call(location, null, endpoint);
    }

    /**
     * Where a first request goes. https, except for a loopback registry that may use plain http:
     * there http is tried first (a TLS server answers it with a 400 that says so), which spares a
     * pull from such a registry the cost of setting up TLS; other insecure registries get TLS
     * first, as docker does, so that credentials go over TLS when the registry can.
     */
    private static String firstScheme(RegistryLocation location) {
        return location.insecure() && RegistryLocation.isLoopback(location.host()) ? "http" : "https";
    }

    /** A 400 whose body says the port speaks TLS (Go's and nginx's words for it). */
    private static boolean speaksTls(Response response) {
        try {
            String body = new String(response.bodyPrefix(1024), java.nio.charset.StandardCharsets.UTF_8);
            return body.toLowerCase(Locale.ROOT).contains("https");
        } catch (IOException e) {
            return false;
        }
    }

    private int retryAfterFailure(RegistryEndpoint<?> endpoint, long progressBefore, int failures, IOException e,
                                  Response response) throws IOException {
        abort(response);
        if (endpoint.progress() > progressBefore) {
            failures = 0; // it got somewhere: a flaky link may still finish the blob
        }
        failures++;
        if (failures >= retry.attempts()) {
            throw new RegistryException(endpoint.action() + ": " + describe(e) + " (gave up after " + retry.attempts()
                    + " attempts)", e);
        }
        Duration wait = retry.backoff(failures);
        note(endpoint.action() + ": " + describe(e) + "; retrying in " + seconds(wait)
                + (endpoint.progress() > 0 ? " from byte " + endpoint.progress() : "")
                + " (attempt " + (failures + 1) + " of " + retry.attempts() + ")");
        sleep(wait);
        return failures;
    }

    // ---- sending ------------------------------------------------------------------------------

    private Response send(Host host, String scheme, RegistryLocation location, RegistryEndpoint<?> endpoint,
                          String authorization) throws IOException {
        String url = endpoint.url(scheme + "://" + location.host());
        String firstHost = hostPort(url);
        for (int hop = 0; ; hop++) {
            boolean registryHost = sameHost(url, location.host());
            HttpTransport transport = state.transports.forRequest(endpoint.method(), isPlainHttp(url),
                    registryHost && location.insecure(), registryHost ? location.caFiles() : List.of());
            RegistryEndpoint.Body body = endpoint.body();
            HttpRequest request = transport.createRequestFactory().buildRequest(endpoint.method(), new GenericUrl(url, true),
                    body == null ? null : new ByteArrayContent(body.contentType(), body.bytes(), body.offset(), body.length()));
            request.setFollowRedirects(false)
                    .setThrowExceptionOnExecuteError(false)
                    .setNumberOfRetries(0)
                    .setResponseReturnRawInputStream(true)
                    .setSuppressUserAgentSuffix(true)
                    .setLoggingEnabled(false)
                    .setConnectTimeout(connectTimeoutMillis)
                    .setReadTimeout(readTimeoutMillis);
            HttpHeaders headers = request.getHeaders();
            headers.setUserAgent(USER_AGENT);
            headers.setAcceptEncoding(null); // bytes as stored: a manifest's digest is of them, a blob's Range counts them
            if (!endpoint.accept().isEmpty()) {
                headers.setAccept(String.join(", ", endpoint.accept()));
            }
            for (Map.Entry<String, String> h : endpoint.headers().entrySet()) {
                boolean secret = h.getKey().equalsIgnoreCase("Authorization");
                if (!secret || hostPort(url).equals(firstHost)) {
                    headers.set(h.getKey(), h.getValue());
                }
            }
            if (authorization != null && registryHost) {
                headers.setAuthorization(authorization);
            }
            HttpResponse raw = request.execute();
            int status = raw.getStatusCode();
            String location2 = raw.getHeaders().getLocation();
            if (isRedirect(status) && location2 != null && hop < MAX_REDIRECTS) {
                raw.ignore();
                url = URI.create(url).resolve(location2).toString();
                continue;
            }
            if (isRedirect(status)) {
                raw.disconnect();
                throw new RegistryException(endpoint.action() + ": too many redirects (last to " + hostPort(url) + ")");
            }
            return new Response(raw, url);
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean isRetriable(int status) {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    private static boolean isPlainHttp(String url) {
        return url.regionMatches(true, 0, "http://", 0, 7);
    }

    private static boolean sameHost(String url, String hostPort) {
        return hostPort(url).equalsIgnoreCase(hostPort);
    }

    /** host[:port] of a URL, the port left out when it is the scheme's default. */
    static String hostPort(String url) {
        URI uri = URI.create(url);
        String host = uri.getHost() == null ? "" : uri.getHost();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        int port = uri.getPort();
        boolean defaultPort = port < 0 || (port == 443 && "https".equals(uri.getScheme()))
                || (port == 80 && "http".equals(uri.getScheme()));
        return defaultPort ? host : host + ":" + port;
    }

    // ---- waiting ------------------------------------------------------------------------------

    /** Retry-After in seconds or as an HTTP date; empty when absent or unreadable. */
    private Optional<Duration> retryAfter(String header, RegistryEndpoint<?> endpoint) throws RegistryException {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        Duration wait;
        try {
            wait = Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            try {
                wait = Duration.between(Instant.now(), ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant());
                wait = wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
        if (wait.compareTo(retry.maxRetryAfter()) > 0) {
            throw new RegistryException(endpoint.action() + ": the registry asks to wait " + seconds(wait)
                    + " (Retry-After), longer than foxbox waits (" + seconds(retry.maxRetryAfter()) + ")", 429, List.of(), null);
        }
        return Optional.of(wait);
    }

    private static void sleep(Duration wait) throws InterruptedIOException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }

    private void note(String line) {
        notes.accept(line);
    }

    private static void abort(Response response) {
        if (response != null) {
            response.abort();
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** An exception as a short phrase, without Java's class names where a message says enough. */
    static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof UnknownHostException) {
            return "unknown host " + message;
        }
        if (e instanceof java.net.SocketTimeoutException) {
            return "timed out" + (message != null ? " (" + message + ")" : "");
        }
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message;
    }
}
