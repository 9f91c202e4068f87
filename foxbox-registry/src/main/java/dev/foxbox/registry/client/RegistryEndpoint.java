package dev.foxbox.registry.client;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One request of the distribution API: its method, URL and accepted media types, and what to
 * make of the answer. The {@link RegistryClient} sends it, and owns everything around it:
 * authentication challenges, redirects, retries and turning error bodies into messages.
 *
 * <p>An endpoint may be sent more than once (after a 401, a 429, a broken connection), so
 * {@link #headers()} is asked again each time: a blob endpoint asks for the bytes it still
 * lacks there.
 *
 * @param <T> what a successful response becomes
 */
public interface RegistryEndpoint<T> {

    /** GET, HEAD, POST, PUT or PATCH. */
    String method();

    /** The absolute URL, given the registry's base ({@code https://host:port}). */
    String url(String base);

    /** The media types to list in {@code Accept}; none for blobs. */
    default List<String> accept() {
        return List.of();
    }

    /** Further headers for this attempt (Range, a token request's Authorization). */
    default Map<String, String> headers() {
        return Map.of();
    }

    /** A request body, or null. */
    default Body body() {
        return null;
    }

    /** What this request does, for messages: "pull manifest localhost:5000/app:1". */
    String action();

    /**
     * What the request does to its repository, for a bearer token's scope
     * ({@code repository:<name>:<actions>}): {@code pull}, or {@code pull,push} for a push.
     */
    default String repositoryActions() {
        return "pull";
    }

    /**
     * Other repositories of the registry the request reads from (a cross-repository mount's
     * source): the token is asked for pull access to them too.
     */
    default List<String> otherRepositories() {
        return List.of();
    }

    /**
     * True for the registry's own API: the client adds the registry's credentials and answers
     * its challenges. False for other servers (a token realm), which get only {@link #headers()}.
     */
    default boolean registryApi() {
        return true;
    }

    /**
     * Turns a 2xx response into the result. A plain IOException (the connection broke) is
     * retried; a {@link dev.foxbox.registry.RegistryException} is final.
     */
    T handle(Response response) throws IOException;

    /** Decides what a 4xx/5xx that the client does not handle itself means; by default, a failure. */
    default T handleError(Response response, RegistryErrors errors) throws IOException {
        throw errors.exception(action());
    }

    /** Bytes of useful work done so far; a retry after progress starts its count afresh. */
    default long progress() {
        return 0;
    }

    /** A request body and its type: {@code length} bytes of {@code bytes} from {@code offset}. */
    record Body(String contentType, byte[] bytes, int offset, int length) {
        public Body {
            if (offset < 0 || length < 0 || offset + length > bytes.length) {
                throw new IllegalArgumentException("body range " + offset + "+" + length + " outside " + bytes.length + " bytes");
            }
        }

        public Body(String contentType, byte[] bytes) {
            this(contentType, bytes, 0, bytes.length);
        }
    }
}
