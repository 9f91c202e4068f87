package dev.foxbox.image.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.store.StoredImage;
import java.util.List;

/**
 * The JSON foxbox prints about images ({@code images --format json}, {@code image inspect}).
 * Field names follow podman's, so scripts written for it read foxbox's too.
 */
public final class ImageJson {

    private ImageJson() {}

    /** One row of {@code foxbox images --format json}. */
    public static ObjectNode summary(StoredImage image) {
        ObjectNode o = Json.object();
        o.put("Id", image.id().hex());
        ImageReference r = image.reference();
        o.put("Repository", r == null ? "<none>" : r.name());
        o.put("Tag", r == null || r.tag() == null ? "<none>" : r.tag());
        o.set("Names", names(r == null ? List.of() : List.of(r)));
        o.put("Digest", image.repoDigest().toString());
        if (image.config().created() != null) {
            o.put("Created", image.config().created().getEpochSecond());
            o.put("CreatedAt", Timestamps.format(image.config().created()));
        }
        o.put("Size", image.size());
        return o;
    }

    /** {@code foxbox image inspect}: the image, all its names, its config and its layers. */
    public static ObjectNode inspect(StoredImage image, List<ImageReference> names) {
        ObjectNode o = Json.object();
        o.put("Id", image.id().hex());
        o.put("Digest", image.repoDigest().toString());
        o.set("RepoTags", names(names));
        ArrayNode repoDigests = o.putArray("RepoDigests");
        names.forEach(n -> repoDigests.add(n.name() + "@" + image.repoDigest()));
        if (image.config().created() != null) {
            o.put("Created", Timestamps.format(image.config().created()));
        }
        if (image.config().author() != null) {
            o.put("Author", image.config().author());
        }
        o.put("Architecture", image.config().platform().architecture());
        o.put("Os", image.config().platform().os());
        if (image.config().variant() != null) {
            o.put("Variant", image.config().variant());
        }
        o.put("Size", image.size());
        o.put("ManifestType", image.manifest().mediaType().value());
        o.put("ManifestDigest", image.manifestDigest().toString());
        ObjectNode config = ConfigJson.toJson(image.config());
        o.set("Config", config.get("config"));
        o.set("RootFS", config.get("rootfs"));
        ArrayNode layers = o.putArray("Layers");
        for (Descriptor layer : image.manifest().layers()) {
            layers.add(OciJson.toJson(layer));
        }
        if (config.has("history")) {
            o.set("History", config.get("history"));
        }
        if (!image.manifest().annotations().isEmpty()) {
            o.set("Annotations", Json.stringObject(image.manifest().annotations()));
        }
        return o;
    }

    private static ArrayNode names(List<ImageReference> names) {
        ArrayNode a = Json.array();
        names.forEach(n -> a.add(n.toString()));
        return a;
    }
}
