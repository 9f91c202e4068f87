package dev.foxbox.image.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON parsing and writing, and small helpers to read fields of a JSON tree with clear errors.
 * The model never sees Jackson: translators in this package turn trees into records and back.
 */
public final class Json {

    /*
     * jackson-core's streaming parser and generator, with the tree built by hand: an ObjectMapper
     * costs some 150 ms of start-up on a cold JVM, and `foxbox run` reads a few small documents.
     */
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxStringLength(16 * 1024 * 1024) // manifests and configs are small; hostile ones must stay so
            .maxNestingDepth(64)
            .build();
    private static final JsonFactory FACTORY = JsonFactory.builder().streamReadConstraints(LIMITS).build();

    private Json() {}

    /** Parses a JSON document; {@code what} names it in the error, e.g. "manifest sha256:ab…". */
    public static JsonNode parse(byte[] bytes, String what) throws MalformedJsonException {
        try {
            return readTree(bytes, FACTORY);
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException(what + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedJsonException(what + " " + e.getMessage());
        }
    }

    /** A factory with other limits, for documents of another kind (seccomp profiles). */
    public static JsonFactory factory(StreamReadConstraints limits) {
        return JsonFactory.builder().streamReadConstraints(limits).build();
    }

    /**
     * Parses a whole document into a tree. Duplicate keys keep the last value, as Go's
     * encoding/json does (what registries and other tools use). Throws
     * {@link JsonProcessingException} with a location for syntax errors, IOException "is empty"
     * or "has data after the end" otherwise.
     */
    public static JsonNode readTree(byte[] bytes, JsonFactory factory) throws IOException {
        try (JsonParser p = factory.createParser(bytes)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new IOException("is empty");
            }
            JsonNode node = read(p, first);
            if (p.nextToken() != null) {
                throw new IOException("has data after the end of the JSON document");
            }
            return node;
        }
    }

    private static JsonNode read(JsonParser p, JsonToken token) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (token) {
            case START_OBJECT: {
                ObjectNode o = nodes.objectNode();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    String name = p.currentName();
                    o.set(name, read(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = nodes.arrayNode();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    a.add(read(p, t));
                }
                return a;
            }
            case VALUE_STRING:
                return nodes.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return switch (p.getNumberType()) {
                    case INT -> nodes.numberNode(p.getIntValue());
                    case LONG -> nodes.numberNode(p.getLongValue());
                    default -> nodes.numberNode(p.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return nodes.numberNode(p.getDecimalValue());
            case VALUE_TRUE:
                return nodes.booleanNode(true);
            case VALUE_FALSE:
                return nodes.booleanNode(false);
            case VALUE_NULL:
                return nodes.nullNode();
            default:
                throw new IOException("unexpected JSON token " + token);
        }
    }

    /** Compact, with fields in the order they were put, so equal trees give equal bytes. */
    public static byte[] bytes(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize JSON", e);
        }
        return out.toByteArray();
    }

    /** Indented, for people. */
    public static String pretty(JsonNode node) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize JSON", e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, JsonNode node) throws IOException {
        if (node.isObject()) {
            g.writeStartObject();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                g.writeFieldName(e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode item : node) {
                write(g, item);
            }
            g.writeEndArray();
        } else if (node.isTextual()) {
            g.writeString(node.textValue());
        } else if (node.isIntegralNumber()) {
            if (node.canConvertToLong()) {
                g.writeNumber(node.longValue());
            } else {
                g.writeNumber(node.bigIntegerValue());
            }
        } else if (node.isNumber()) {
            g.writeNumber(node.decimalValue());
        } else if (node.isBoolean()) {
            g.writeBoolean(node.booleanValue());
        } else {
            g.writeNull();
        }
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
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
        for (Map.Entry<String, JsonNode> e : n.properties()) {
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
        for (java.util.Iterator<String> names = n.fieldNames(); names.hasNext(); ) {
            out.add(names.next());
        }
        return out;
    }

    public static ArrayNode stringArray(List<String> values) {
        ArrayNode a = array();
        for (String v : values) {
            a.add(v);
        }
        return a;
    }

    public static ObjectNode stringObject(Map<String, String> values) {
        ObjectNode o = object();
        for (Map.Entry<String, String> e : values.entrySet()) {
            o.put(e.getKey(), e.getValue());
        }
        return o;
    }

    /** {"a": {}, "b": {}} as Docker writes sets. */
    public static ObjectNode setObject(Iterable<String> keys) {
        ObjectNode o = object();
        for (String k : keys) {
            o.set(k, object());
        }
        return o;
    }
}
