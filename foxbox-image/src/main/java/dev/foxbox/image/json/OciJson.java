package dev.foxbox.image.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.ImageIndex;
import dev.foxbox.image.model.ImageManifest;
import dev.foxbox.image.model.InvalidDigestException;
import dev.foxbox.image.model.Manifest;
import dev.foxbox.image.model.MediaType;
import dev.foxbox.image.model.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Translates OCI and Docker schema 2 manifests, indexes and descriptors between JSON and the
 * model, both ways. Reading accepts what real registries and tools write; writing emits the OCI
 * field order so that equal models give equal bytes.
 */
public final class OciJson {

    /** The largest manifest foxbox reads: registries cap theirs at 4 MiB too. */
    public static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

    private OciJson() {}

    /**
     * Reads a manifest or an index. The document's own {@code mediaType} wins; {@code hint} (for
     * example a registry's Content-Type or a descriptor's type) is used when it has none, and the
     * shape of the document when neither says.
     */
    public static Manifest readManifest(byte[] bytes, MediaType hint, String what) throws MalformedJsonException {
        if (bytes.length > MAX_MANIFEST_BYTES) {
            throw new MalformedJsonException(what + " is " + bytes.length + " bytes, over the limit of "
                    + MAX_MANIFEST_BYTES + " bytes for a manifest");
        }
        ObjectNode root = Json.requireObject(Json.parse(bytes, what), what);
        JsonNode schemaVersion = root.get("schemaVersion");
        if (schemaVersion != null && schemaVersion.asInt() == 1) {
            throw new MalformedJsonException(what + " is a Docker schema 1 manifest, which foxbox does not support"
                    + " (deprecated since 2017; push the image again with a current tool)");
        }
        MediaType type = mediaType(root, "mediaType", what);
        if (type == null && hint != null && (hint.isIndex() || hint.isManifest())) {
            type = hint;
        }
        if (type == null) {
            type = root.has("manifests") ? MediaType.OCI_INDEX : MediaType.OCI_MANIFEST;
        }
        if (type.isSchema1()) {
            throw new MalformedJsonException(what + " is a Docker schema 1 manifest, which foxbox does not support");
        }
        if (type.isIndex()) {
            return new ImageIndex(type, descriptors(root, "manifests", what), Json.stringMap(root, "annotations"));
        }
        if (type.isManifest()) {
            JsonNode config = root.get("config");
            if (config == null) {
                throw new MalformedJsonException(what + " has no config");
            }
            return new ImageManifest(type, descriptor(config, what + " config"), descriptors(root, "layers", what),
                    Json.stringMap(root, "annotations"),
                    root.hasNonNull("subject") ? descriptor(root.get("subject"), what + " subject") : null,
                    Json.text(root, "artifactType"));
        }
        throw new MalformedJsonException(what + " has unsupported media type " + type);
    }

    public static ImageManifest readImageManifest(byte[] bytes, String what) throws MalformedJsonException {
        if (readManifest(bytes, MediaType.OCI_MANIFEST, what) instanceof ImageManifest m) {
            return m;
        }
        throw new MalformedJsonException(what + " is an index, not an image manifest");
    }

    public static ImageIndex readIndex(byte[] bytes, String what) throws MalformedJsonException {
        if (readManifest(bytes, MediaType.OCI_INDEX, what) instanceof ImageIndex i) {
            return i;
        }
        throw new MalformedJsonException(what + " is an image manifest, not an index");
    }

    public static byte[] write(Manifest manifest) {
        return Json.bytes(toJson(manifest));
    }

    public static ObjectNode toJson(Manifest manifest) {
        ObjectNode o = Json.object();
        o.put("schemaVersion", 2);
        o.put("mediaType", manifest.mediaType().value());
        if (manifest instanceof ImageManifest m) {
            if (m.artifactType() != null) {
                o.put("artifactType", m.artifactType());
            }
            o.set("config", toJson(m.config()));
            o.set("layers", toJson(m.layers()));
            if (m.subject() != null) {
                o.set("subject", toJson(m.subject()));
            }
        } else if (manifest instanceof ImageIndex i) {
            o.set("manifests", toJson(i.manifests()));
        }
        Map<String, String> annotations = manifest instanceof ImageManifest m
                ? m.annotations() : ((ImageIndex) manifest).annotations();
        if (!annotations.isEmpty()) {
            o.set("annotations", Json.stringObject(new TreeMap<>(annotations)));
        }
        return o;
    }

    public static ArrayNode toJson(List<Descriptor> descriptors) {
        ArrayNode a = Json.array();
        descriptors.forEach(d -> a.add(toJson(d)));
        return a;
    }

    public static ObjectNode toJson(Descriptor d) {
        ObjectNode o = Json.object();
        o.put("mediaType", d.mediaType().value());
        o.put("digest", d.digest().toString());
        o.put("size", d.size());
        if (!d.urls().isEmpty()) {
            o.set("urls", Json.stringArray(d.urls()));
        }
        if (!d.annotations().isEmpty()) {
            o.set("annotations", Json.stringObject(d.annotations()));
        }
        if (d.platform() != null) {
            o.set("platform", toJson(d.platform()));
        }
        if (d.artifactType() != null) {
            o.put("artifactType", d.artifactType());
        }
        return o;
    }

    public static ObjectNode toJson(Platform p) {
        ObjectNode o = Json.object();
        o.put("architecture", p.architecture());
        o.put("os", p.os());
        if (p.osVersion() != null) {
            o.put("os.version", p.osVersion());
        }
        if (!p.osFeatures().isEmpty()) {
            o.set("os.features", Json.stringArray(p.osFeatures()));
        }
        if (p.variant() != null) {
            o.put("variant", p.variant());
        }
        return o;
    }

    public static Descriptor descriptor(JsonNode node, String what) throws MalformedJsonException {
        ObjectNode o = Json.requireObject(node, what);
        MediaType type = mediaType(o, "mediaType", what);
        if (type == null) {
            throw new MalformedJsonException(what + " has no mediaType");
        }
        Digest digest;
        try {
            digest = Digest.parse(Json.requireText(o, "digest", what));
        } catch (InvalidDigestException e) {
            throw new MalformedJsonException(what + ": " + e.getMessage());
        }
        JsonNode size = o.get("size");
        if (size == null || !size.canConvertToLong() || size.asLong() < 0) {
            throw new MalformedJsonException(what + " has no valid size");
        }
        Platform platform = o.hasNonNull("platform") ? platform(o.get("platform"), what + " platform") : null;
        return new Descriptor(type, digest, size.asLong(), Json.strings(o, "urls"), Json.stringMap(o, "annotations"),
                platform, Json.text(o, "artifactType"));
    }

    private static List<Descriptor> descriptors(JsonNode parent, String field, String what) throws MalformedJsonException {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw new MalformedJsonException(what + ": '" + field + "' is not an array");
        }
        List<Descriptor> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            out.add(descriptor(n.get(i), what + " " + field + "[" + i + "]"));
        }
        return out;
    }

    public static Platform platform(JsonNode node, String what) throws MalformedJsonException {
        ObjectNode o = Json.requireObject(node, what);
        String os = Json.requireText(o, "os", what);
        String arch = Json.requireText(o, "architecture", what);
        try {
            return new Platform(os, arch, Json.text(o, "variant"), Json.text(o, "os.version"), Json.strings(o, "os.features"));
        } catch (IllegalArgumentException e) {
            throw new MalformedJsonException(what + ": " + e.getMessage());
        }
    }

    private static MediaType mediaType(JsonNode o, String field, String what) throws MalformedJsonException {
        String text = Json.text(o, field);
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return MediaType.of(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedJsonException(what + ": " + e.getMessage());
        }
    }
}
