package dev.foxbox.registry.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foxbox.image.json.Json;
import dev.foxbox.image.json.MalformedJsonException;

/**
 * A token server's answer (the distribution token spec and OAuth2's):
 * <pre>{"token": "…", "access_token": "…", "expires_in": 300, "issued_at": "…"}</pre>
 */
public final class TokenJson {

    /** The token and how many seconds it lives (0 when the server did not say). */
    public record Token(String token, long expiresInSeconds) {
        @Override
        public String toString() {
            return "token (" + expiresInSeconds + " s)"; // never the token itself
        }
    }

    private TokenJson() {}

    public static Token read(byte[] bytes, String what) throws MalformedJsonException {
        ObjectNode root = Json.requireObject(Json.parse(bytes, what), what);
        String token = text(root, "token");
        if (token == null) {
            token = text(root, "access_token");
        }
        if (token == null) {
            throw new MalformedJsonException(what + " has no token");
        }
        JsonNode expires = root.get("expires_in");
        long seconds = expires != null && expires.canConvertToLong() ? Math.max(0, expires.asLong()) : 0;
        return new Token(token, seconds);
    }

    private static String text(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        return n != null && n.isTextual() && !n.asText().isEmpty() ? n.asText() : null;
    }
}
