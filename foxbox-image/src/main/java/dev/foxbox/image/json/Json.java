package dev.foxbox.image.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one Jackson mapper, and small helpers to read fields of a JSON tree with clear errors.
 * The model never sees Jackson: translators in this package turn trees into records and back.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper PRETTY = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    static {
        // Manifests and configs are small; a hostile document must not make us build huge strings.
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(16 * 1024 * 1024)
                .maxNestingDepth(64)
                .build());
    }

    private Json() {}

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** Parses a JSON document; {@code what} names it in the error, e.g. "manifest sha256:ab…". */
    public static JsonNode parse(byte[] bytes, String what) throws MalformedJsonException {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new MalformedJsonException(what + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException(what + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedJsonException(what + " could not be read: " + e.getMessage());
        }
    }

    /** Compact, with fields in the order they were put, so equal trees give equal bytes. */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize JSON", e);
        }
    }

    /** Indented, for people. */
    public static String pretty(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize JSON", e);
        }
    }

    public static ObjectNode requireObject(JsonNode node, String what) throws MalformedJsonException {
        if (node == null || !node.isObject()) {
            throw new MalformedJsonException(what + " is not a JSON object");
        }
        return (ObjectNode) node;
    }

    public static String text(JsonNode parent, String field) throws MalformedJsonException {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new MalformedJsonException("field '" + field + "' is not a string");
        }
        return n.asText();
    }

    public static String requireText(JsonNode parent, String field, String what) throws MalformedJsonException {
        String value = text(parent, field);
        if (value == null) {
            throw new MalformedJsonException(what + " has no '" + field + "'");
        }
        return value;
    }

    /** A list of strings, or null when the field is absent or null. */
    public static List<String> strings(JsonNode parent, String field) throws MalformedJsonException {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray()) {
            throw new MalformedJsonException("field '" + field + "' is not an array");
        }
        List<String> out = new ArrayList<>(n.size());
        for (JsonNode item : n) {
            if (!item.isTextual()) {
                throw new MalformedJsonException("field '" + field + "' holds a non-string");
            }
            out.add(item.asText());
        }
        return out;
    }

    /** A map of strings, or null when absent; non-string values are refused. */
    public static Map<String, String> stringMap(JsonNode parent, String field) throws MalformedJsonException {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw new MalformedJsonException("field '" + field + "' is not an object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new MalformedJsonException("field '" + field + "." + e.getKey() + "' is not a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    /** The keys of an object such as ExposedPorts ({"80/tcp": {}}), or null when absent. */
    public static List<String> keys(JsonNode parent, String field) throws MalformedJsonException {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw new MalformedJsonException("field '" + field + "' is not an object");
        }
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    public static ArrayNode stringArray(List<String> values) {
        ArrayNode a = array();
        values.forEach(a::add);
        return a;
    }

    public static ObjectNode stringObject(Map<String, String> values) {
        ObjectNode o = object();
        values.forEach(o::put);
        return o;
    }

    /** {"a": {}, "b": {}} as Docker writes sets. */
    public static ObjectNode setObject(Iterable<String> keys) {
        ObjectNode o = object();
        keys.forEach(k -> o.set(k, object()));
        return o;
    }
}
