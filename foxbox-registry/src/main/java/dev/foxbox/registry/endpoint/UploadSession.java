package dev.foxbox.registry.endpoint;

import dev.foxbox.registry.RegistryException;
import dev.foxbox.registry.client.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a blob upload stands, as the registry last said: the URL the next request of the upload
 * goes to (its {@code Location}, which may change with every answer) and how many bytes it has
 * ({@code Range: 0-<last byte>}).
 */
public record UploadSession(String url, long offset) {

    private static final Pattern RANGE = Pattern.compile("(?:bytes=)?0-(\\d+)");

    /**
     * The session a 202 or 204 describes.
     *
     * @param sent bytes the client believes the registry has; a {@code Range} says for sure
     */
    static UploadSession from(Response response, String action, long sent) throws RegistryException {
        String location = response.header("Location");
        if (location == null || location.isBlank()) {
            throw new RegistryException(action + ": the registry did not say where to upload (no Location header)");
        }
        String url = URI.create(response.url()).resolve(location.strip()).toString();
        String range = response.header("Range");
        long offset = sent;
        if (range != null) {
            Matcher m = RANGE.matcher(range.strip());
            if (!m.matches()) {
                throw new RegistryException(action + ": the registry answered with an unreadable Range: " + range);
            }
            long last = Long.parseLong(m.group(1));
            // distribution writes "0-0" for an empty upload as well as for one of a single byte.
            offset = last == 0 && sent == 0 ? 0 : last + 1;
        }
        return new UploadSession(url, offset);
    }

    /** The URL with {@code name=value} added to its query. */
    String with(String name, String value) {
        return url + (url.contains("?") ? "&" : "?") + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
