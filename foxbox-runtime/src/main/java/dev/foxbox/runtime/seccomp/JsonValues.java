package dev.foxbox.runtime.seccomp;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed values out of a Jackson tree the way Go's encoding/json gives them to docker: object keys
 * match without regard to case, {@code null} means absent, and integers are unsigned 64-bit. Every
 * error names the document, the field path and the bad value, e.g.
 * {@code my.json: syscalls[0].names: expected an array, got "read"}.
 */
final class JsonValues {

    private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** Reads one item of a list; {@code path} is where it is, e.g. {@code syscalls[3]}. */
    @FunctionalInterface
    interface Item<T> {
        T read(JsonNode node, String path) throws InvalidProfileException;
    }

    /** An object's fields, with the object's path. */
    final class Fields {
        private final JsonNode node;
        private final String path;

        private Fields(JsonNode node, String path) {
            this.node = node;
            this.path = path;
        }

        /** The field's value, matched as Go matches it: exactly, else without regard to case. */
        JsonNode get(String name) {
            JsonNode exact = node.get(name);
            if (exact != null) {
                return exact;
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().equalsIgnoreCase(name)) {
                    return field.getValue();
                }
            }
            return null;
        }

        /** The path of a field of this object, e.g. {@code syscalls[3].action}. */
        String path(String name) {
            return path.isEmpty() ? name : path + "." + name;
        }

        /** A string field; null when absent or null. */
        String text(String name) throws InvalidProfileException {
            JsonNode value = get(name);
            return value == null || value.isNull() ? null : string(value, path(name));
        }

        /** An unsigned 64-bit integer field, held in a long; null when absent or null. */
        Long number(String name) throws InvalidProfileException {
            JsonNode value = get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isIntegralNumber()) {
                throw fail(path(name), "expected a non-negative integer, got " + shown(value));
            }
            BigInteger n = value.bigIntegerValue();
            if (n.signum() < 0 || n.compareTo(MAX_U64) > 0) {
                throw fail(path(name), n + " is out of range 0.." + MAX_U64);
            }
            return n.longValue();
        }

        /** An array field read item by item; empty when absent or null. */
        <T> List<T> list(String name, Item<T> item) throws InvalidProfileException {
            return JsonValues.this.list(get(name), path(name), item);
        }
    }

    private final String what;

    JsonValues(String what) {
        this.what = what;
    }

    Fields object(JsonNode node, String path) throws InvalidProfileException {
        if (!node.isObject()) {
            throw fail(path, "expected an object, got " + shown(node));
        }
        return new Fields(node, path);
    }

    <T> List<T> list(JsonNode node, String path, Item<T> item) throws InvalidProfileException {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw fail(path, "expected an array, got " + shown(node));
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(item.read(node.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    String string(JsonNode node, String path) throws InvalidProfileException {
        if (!node.isTextual()) {
            throw fail(path, "expected a string, got " + shown(node));
        }
        return node.asText();
    }

    /** An error about the value at {@code path} ("" for the whole document). */
    InvalidProfileException fail(String path, String problem) {
        return new InvalidProfileException(what + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    }

    private static String shown(JsonNode node) {
        String text = node.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
