package dev.foxbox.image.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foxbox.image.archive.DockerArchiveManifest;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a docker archive's {@code manifest.json} (a list of {@code Config}, {@code RepoTags},
 * {@code Layers}) both ways. Other fields ({@code Parent}, {@code LayerSources}) are ignored.
 */
public final class DockerArchiveJson {

    private DockerArchiveJson() {}

    public static List<DockerArchiveManifest> read(byte[] bytes, String what) throws MalformedJsonException {
        JsonNode root = Json.parse(bytes, what);
        if (!root.isArray()) {
            throw new MalformedJsonException(what + " is not a JSON array");
        }
        List<DockerArchiveManifest> out = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            String item = what + "[" + i + "]";
            ObjectNode o = Json.requireObject(root.get(i), item);
            List<String> layers = Json.strings(o, "Layers");
            out.add(new DockerArchiveManifest(Json.requireText(o, "Config", item), Json.strings(o, "RepoTags"),
                    layers == null ? List.of() : layers));
        }
        return out;
    }

    public static byte[] write(List<DockerArchiveManifest> manifests) {
        ArrayNode root = Json.array();
        for (DockerArchiveManifest m : manifests) {
            ObjectNode o = root.addObject();
            o.put("Config", m.config());
            o.set("RepoTags", Json.stringArray(m.repoTags()));
            o.set("Layers", Json.stringArray(m.layers()));
        }
        return Json.bytes(root);
    }
}
