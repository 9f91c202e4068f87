package dev.foxbox.registry;

import java.io.IOException;
import java.util.List;

/**
 * A registry operation failed for good: the message names the action and the image ("pull blob
 * sha256:… from localhost:5000/app: blob unknown to registry"), never a secret. Retrying the
 * same request would not help, unlike the plain {@link IOException}s of a broken connection,
 * which the client retries.
 */
public class RegistryException extends IOException {

    private final int status;
    private final List<String> codes;

    public RegistryException(String message) {
        this(message, -1, List.of(), null);
    }

    public RegistryException(String message, Throwable cause) {
        this(message, -1, List.of(), cause);
    }

    /**
     * @param status the HTTP status that ended it, or -1
     * @param codes  the distribution API's error codes from the body ({@code MANIFEST_UNKNOWN}, …)
     */
    public RegistryException(String message, int status, List<String> codes, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.codes = List.copyOf(codes);
    }

    public int status() {
        return status;
    }

    public List<String> codes() {
        return codes;
    }

    /** The registry does not have it (404, or a *_UNKNOWN code). */
    public boolean notFound() {
        return status == 404 || codes.stream().anyMatch(c -> c.endsWith("_UNKNOWN"));
    }
}
