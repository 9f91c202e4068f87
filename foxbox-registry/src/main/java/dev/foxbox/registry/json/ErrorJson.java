package dev.foxbox.registry.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foxbox.image.json.Json;
import dev.foxbox.image.json.MalformedJsonException;
import java.util.ArrayList;
import java.util.List;

/**
 * The distribution API's error body:
 * <pre>{"errors": [{"code": "MANIFEST_UNKNOWN", "message": "manifest unknown", "detail": …}]}</pre>
 */
public final class ErrorJson {

    /** One entry of {@code errors}; message may be empty. */
    public record Error(String code, String message) {}

    private ErrorJson() {}

    /** The errors in {@code bytes}; empty when it is not such a body. */
    public static List<Error> read(byte[] bytes) {
        List<Error> out = new ArrayList<>();
        JsonNode root;
        try {
            root = Json.parse(bytes, "error body");
        } catch (MalformedJsonException e) {
            return out;
        }
        JsonNode errors = root.get("errors");
        if (errors == null || !errors.isArray()) {
            return out;
        }
        for (JsonNode e : errors) {
            if (e.isObject()) {
                String code = e.path("code").asText("");
                String message = e.path("message").asText("");
                if (!code.isEmpty() || !message.isEmpty()) {
                    out.add(new Error(code, message));
                }
            }
        }
        return out;
    }
}
