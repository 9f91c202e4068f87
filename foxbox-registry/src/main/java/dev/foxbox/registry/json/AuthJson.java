package dev.foxbox.registry.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foxbox.image.json.Json;
import dev.foxbox.image.json.MalformedJsonException;
import dev.foxbox.registry.auth.Credential;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * containers-auth.json(5), the file {@code podman login} and {@code foxbox login} write:
 * <pre>{"auths": {"localhost:5000": {"auth": "base64(user:password)"}}}</pre>
 * Entries may also carry an {@code identitytoken}. Changing the file keeps every other field
 * (credHelpers, entries foxbox cannot read) as it was.
 */
public final class AuthJson {

    private AuthJson() {}

    /** The credentials of every usable {@code auths} entry, by key; others are skipped. */
    public static Map<String, Credential> read(byte[] bytes, String what) throws MalformedJsonException {
        Map<String, Credential> out = new LinkedHashMap<>();
        if (bytes.length == 0) {
            return out;
        }
        ObjectNode root = Json.requireObject(Json.parse(bytes, what), what);
        JsonNode auths = root.get("auths");
        if (auths == null || !auths.isObject()) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : auths.properties()) {
            Credential credential = credential(e.getValue());
            if (credential != null) {
                out.put(e.getKey(), credential);
            }
        }
        return out;
    }

    private static Credential credential(JsonNode entry) {
        if (!entry.isObject()) {
            return null;
        }
        JsonNode token = entry.get("identitytoken");
        if (token != null && token.isTextual() && !token.asText().isEmpty()) {
            return Credential.identityToken(token.asText());
        }
        JsonNode auth = entry.get("auth");
        if (auth == null || !auth.isTextual() || auth.asText().isEmpty()) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(auth.asText().strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon <= 0 ? null : Credential.of(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    /** The file with {@code key}'s entry set to {@code credential}. */
    public static byte[] withAuth(byte[] existing, String what, String key, Credential credential)
            throws MalformedJsonException {
        ObjectNode root = root(existing, what);
        ObjectNode entry = Json.object();
        entry.put("auth", credential.encoded());
        auths(root).set(key, entry);
        return bytes(root);
    }

    /** The file without the entries whose keys are in {@code keys}. */
    public static byte[] withoutAuths(byte[] existing, String what, List<String> keys) throws MalformedJsonException {
        ObjectNode root = root(existing, what);
        ObjectNode auths = auths(root);
        keys.forEach(auths::remove);
        return bytes(root);
    }

    /** Every key of {@code auths}. */
    public static List<String> keys(byte[] existing, String what) throws MalformedJsonException {
        List<String> out = new ArrayList<>();
        auths(root(existing, what)).fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static ObjectNode root(byte[] existing, String what) throws MalformedJsonException {
        if (existing == null || existing.length == 0) {
            return Json.object();
        }
        return Json.requireObject(Json.parse(existing, what), what);
    }

    private static ObjectNode auths(ObjectNode root) {
        JsonNode auths = root.get("auths");
        if (auths instanceof ObjectNode o) {
            return o;
        }
        return root.putObject("auths");
    }

    private static byte[] bytes(ObjectNode root) {
        return (Json.pretty(root) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
