package dev.foxbox.image.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foxbox.image.model.ContainerConfig.Healthcheck;
import dev.foxbox.image.model.ContainerConfig;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.ImageConfig.History;
import dev.foxbox.image.model.ImageConfig.RootFs;
import dev.foxbox.image.model.ImageConfig;
import dev.foxbox.image.model.InvalidDigestException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Translates the image config (OCI's {@code application/vnd.oci.image.config.v1+json}, which
 * Docker's config is a superset of) between JSON and {@link ImageConfig}. Docker-only fields
 * that foxbox uses (Healthcheck, OnBuild, Shell) are kept; the rest are ignored on read.
 */
public final class ConfigJson {

    private ConfigJson() {}

    public static ImageConfig read(byte[] bytes, String what) throws MalformedJsonException {
        ObjectNode root = Json.requireObject(Json.parse(bytes, what), what);
        ContainerConfig config = root.hasNonNull("config")
                ? containerConfig(Json.requireObject(root.get("config"), what + " config"), what)
                : ContainerConfig.EMPTY;
        RootFs rootfs = new RootFs(List.of());
        if (root.hasNonNull("rootfs")) {
            JsonNode r = Json.requireObject(root.get("rootfs"), what + " rootfs");
            List<String> ids = Json.strings(r, "diff_ids");
            List<Digest> diffIds = new ArrayList<>();
            for (String id : ids == null ? List.<String>of() : ids) {
                try {
                    diffIds.add(Digest.parse(id));
                } catch (InvalidDigestException e) {
                    throw new MalformedJsonException(what + " rootfs.diff_ids: " + e.getMessage());
                }
            }
            rootfs = new RootFs(diffIds);
        }
        List<History> history = new ArrayList<>();
        JsonNode h = root.get("history");
        if (h != null && h.isArray()) {
            for (JsonNode step : h) {
                history.add(new History(time(step, "created"), Json.text(step, "created_by"),
                        Json.text(step, "author"), Json.text(step, "comment"),
                        step.path("empty_layer").asBoolean(false)));
            }
        }
        return new ImageConfig(time(root, "created"), Json.text(root, "author"), Json.text(root, "architecture"),
                Json.text(root, "os"), Json.text(root, "variant"), Json.text(root, "os.version"),
                config, rootfs, history);
    }

    private static ContainerConfig containerConfig(JsonNode c, String what) throws MalformedJsonException {
        Healthcheck healthcheck = null;
        if (c.hasNonNull("Healthcheck")) {
            JsonNode hc = c.get("Healthcheck");
            healthcheck = new Healthcheck(Json.strings(hc, "Test"), nanos(hc, "Interval"), nanos(hc, "Timeout"),
                    nanos(hc, "StartPeriod"), nanos(hc, "StartInterval"), hc.path("Retries").asInt(0));
        }
        List<String> ports = Json.keys(c, "ExposedPorts");
        List<String> volumes = Json.keys(c, "Volumes");
        Map<String, String> labels = Json.stringMap(c, "Labels");
        return new ContainerConfig(
                emptyToNull(Json.text(c, "User")),
                ports == null ? null : new HashSet<>(ports),
                Json.strings(c, "Env"),
                Json.strings(c, "Entrypoint"),
                Json.strings(c, "Cmd"),
                volumes == null ? null : new HashSet<>(volumes),
                emptyToNull(Json.text(c, "WorkingDir")),
                labels,
                emptyToNull(Json.text(c, "StopSignal")),
                healthcheck,
                Json.strings(c, "OnBuild"),
                Json.strings(c, "Shell"),
                c.path("ArgsEscaped").asBoolean(false));
    }

    public static byte[] write(ImageConfig config) {
        return Json.bytes(toJson(config));
    }

    public static ObjectNode toJson(ImageConfig image) {
        ObjectNode o = Json.object();
        if (image.created() != null) {
            o.put("created", Timestamps.format(image.created()));
        }
        if (image.author() != null) {
            o.put("author", image.author());
        }
        o.put("architecture", image.architecture() == null ? "amd64" : image.architecture());
        o.put("os", image.os() == null ? "linux" : image.os());
        if (image.osVersion() != null) {
            o.put("os.version", image.osVersion());
        }
        if (image.variant() != null) {
            o.put("variant", image.variant());
        }
        o.set("config", toJson(image.config()));
        ObjectNode rootfs = o.putObject("rootfs");
        rootfs.put("type", image.rootfs().type());
        ArrayNode ids = rootfs.putArray("diff_ids");
        image.rootfs().diffIds().forEach(d -> ids.add(d.toString()));
        if (!image.history().isEmpty()) {
            ArrayNode history = o.putArray("history");
            for (History step : image.history()) {
                ObjectNode s = history.addObject();
                if (step.created() != null) {
                    s.put("created", Timestamps.format(step.created()));
                }
                putIfSet(s, "created_by", step.createdBy());
                putIfSet(s, "author", step.author());
                putIfSet(s, "comment", step.comment());
                if (step.emptyLayer()) {
                    s.put("empty_layer", true);
                }
            }
        }
        return o;
    }

    private static ObjectNode toJson(ContainerConfig c) {
        ObjectNode o = Json.object();
        putIfSet(o, "User", c.user());
        if (!c.exposedPorts().isEmpty()) {
            o.set("ExposedPorts", Json.setObject(c.exposedPorts()));
        }
        if (!c.env().isEmpty()) {
            o.set("Env", Json.stringArray(c.env()));
        }
        if (c.entrypoint() != null) {
            o.set("Entrypoint", Json.stringArray(c.entrypoint()));
        }
        if (c.cmd() != null) {
            o.set("Cmd", Json.stringArray(c.cmd()));
        }
        if (!c.volumes().isEmpty()) {
            o.set("Volumes", Json.setObject(c.volumes()));
        }
        putIfSet(o, "WorkingDir", c.workingDir());
        if (!c.labels().isEmpty()) {
            o.set("Labels", Json.stringObject(c.labels()));
        }
        putIfSet(o, "StopSignal", c.stopSignal());
        if (c.healthcheck() != null) {
            Healthcheck h = c.healthcheck();
            ObjectNode hc = o.putObject("Healthcheck");
            hc.set("Test", Json.stringArray(h.test()));
            putNanos(hc, "Interval", h.interval());
            putNanos(hc, "Timeout", h.timeout());
            putNanos(hc, "StartPeriod", h.startPeriod());
            putNanos(hc, "StartInterval", h.startInterval());
            if (h.retries() != 0) {
                hc.put("Retries", h.retries());
            }
        }
        if (!c.onBuild().isEmpty()) {
            o.set("OnBuild", Json.stringArray(c.onBuild()));
        }
        if (c.shell() != null) {
            o.set("Shell", Json.stringArray(c.shell()));
        }
        if (c.argsEscaped()) {
            o.put("ArgsEscaped", true);
        }
        return o;
    }

    /** RFC 3339 with any offset; an unreadable time is treated as absent, as docker does. */
    private static Instant time(JsonNode parent, String field) throws MalformedJsonException {
        String text = Json.text(parent, field);
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Timestamps.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration nanos(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        return n == null || !n.canConvertToLong() || n.asLong() == 0 ? null : Duration.ofNanos(n.asLong());
    }

    private static void putNanos(ObjectNode o, String field, Duration d) {
        if (d != null) {
            o.put(field, d.toNanos());
        }
    }

    private static void putIfSet(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
