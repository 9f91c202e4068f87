package dev.foxbox.runtime.box;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foxbox.image.json.Json;
import dev.foxbox.image.json.MalformedJsonException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** {@link BoxSpec} to and from the "Spec" object of box.json. */
final class BoxSpecJson {

    private BoxSpecJson() {}

    static ObjectNode toJson(BoxSpec s) {
        ObjectNode o = Json.object();
        o.put("Image", s.image());
        o.set("Command", Json.stringArray(s.command()));
        if (s.entrypoint() != null) {
            o.set("Entrypoint", Json.stringArray(s.entrypoint()));
        }
        o.set("Env", Json.stringArray(s.env()));
        putIfSet(o, "WorkingDir", s.workdir());
        putIfSet(o, "User", s.user());
        putIfSet(o, "Name", s.name());
        putIfSet(o, "Hostname", s.hostname());
        o.put("Network", s.network().name().toLowerCase(java.util.Locale.ROOT));
        o.put("Tty", s.tty());
        o.put("Interactive", s.interactive());
        o.put("Init", s.init());
        o.put("ReadOnly", s.readOnly());
        o.set("CapAdd", Json.stringArray(List.copyOf(s.capAdd())));
        o.set("CapDrop", Json.stringArray(List.copyOf(s.capDrop())));
        o.put("Privileged", s.privileged());
        o.put("NoNewPrivileges", s.noNewPrivileges());
        o.put("Seccomp", s.seccomp().name().toLowerCase(java.util.Locale.ROOT));
        if (s.seccompProfile() != null) {
            o.put("SeccompProfile", s.seccompProfile().toString());
        }
        ArrayNode limits = o.putArray("Ulimits");
        for (BoxSpec.Ulimit u : s.ulimits()) {
            limits.addObject().put("Name", u.name()).put("Soft", u.soft()).put("Hard", u.hard());
        }
        o.put("Remove", s.remove());
        o.put("Detach", s.detach());
        ObjectNode publishing = o.putObject("Publishing");
        publishing.put("PublishAll", s.publishing().publishAll());
        publishing.put("AllowHostLoopback", s.publishing().allowHostLoopback());
        ArrayNode ports = publishing.putArray("Ports");
        for (BoxSpec.PortMapping p : s.publishing().ports()) {
            ports.addObject().put("HostIp", p.hostIp()).put("HostPort", p.hostPort()).put("BoxPort", p.boxPort())
                    .put("Proto", p.proto());
        }
        ArrayNode mounts = o.putArray("Mounts");
        for (BoxSpec.MountSpec m : s.mounts()) {
            ObjectNode mount = mounts.addObject().put("Type", m.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .put("Target", m.target()).put("ReadOnly", m.readOnly());
            putIfSet(mount, "Source", m.source());
            putIfSet(mount, "Options", m.options());
        }
        BoxSpec.Resources r = s.resources();
        o.putObject("Resources").put("Memory", r.memory()).put("MemorySwap", r.memorySwap()).put("Cpus", r.cpus())
                .put("CpuShares", r.cpuShares()).put("PidsLimit", r.pidsLimit());
        return o;
    }

    static BoxSpec read(JsonNode o, String what) throws MalformedJsonException {
        Json.requireObject(o, what);
        List<BoxSpec.Ulimit> limits = new ArrayList<>();
        for (JsonNode u : o.path("Ulimits")) {
            limits.add(new BoxSpec.Ulimit(u.path("Name").asText(), u.path("Soft").asLong(), u.path("Hard").asLong()));
        }
        String profile = Json.text(o, "SeccompProfile");
        List<BoxSpec.PortMapping> ports = new ArrayList<>();
        JsonNode pub = o.path("Publishing");
        for (JsonNode p : pub.path("Ports")) {
            ports.add(new BoxSpec.PortMapping(p.path("HostIp").asText(), p.path("HostPort").asInt(), p.path("BoxPort").asInt(),
                    p.path("Proto").asText("tcp")));
        }
        List<BoxSpec.MountSpec> mounts = new ArrayList<>();
        for (JsonNode m : o.path("Mounts")) {
            mounts.add(new BoxSpec.MountSpec(BoxSpec.MountSpec.Kind.valueOf(m.path("Type").asText().toUpperCase(java.util.Locale.ROOT)),
                    Json.text(m, "Source"), Json.text(m, "Target"), m.path("ReadOnly").asBoolean(), Json.text(m, "Options")));
        }
        JsonNode r = o.path("Resources");
        BoxSpec.Resources resources = new BoxSpec.Resources(r.path("Memory").asLong(), r.path("MemorySwap").asLong(),
                r.path("Cpus").asDouble(), r.path("CpuShares").asLong(), r.path("PidsLimit").asLong());
        try {
            return new BoxSpec(Json.requireText(o, "Image", what), Json.strings(o, "Command"), Json.strings(o, "Entrypoint"),
                    orEmpty(Json.strings(o, "Env")), Json.text(o, "WorkingDir"), Json.text(o, "User"),
                    Json.text(o, "Name"), Json.text(o, "Hostname"),
                    BoxSpec.Network.valueOf(o.path("Network").asText("none").toUpperCase(java.util.Locale.ROOT)),
                    o.path("Tty").asBoolean(), o.path("Interactive").asBoolean(), o.path("Init").asBoolean(),
                    o.path("ReadOnly").asBoolean(), new HashSet<>(orEmpty(Json.strings(o, "CapAdd"))),
                    new HashSet<>(orEmpty(Json.strings(o, "CapDrop"))), o.path("Privileged").asBoolean(),
                    o.path("NoNewPrivileges").asBoolean(),
                    BoxSpec.Seccomp.valueOf(o.path("Seccomp").asText("default").toUpperCase(java.util.Locale.ROOT)),
                    profile == null ? null : Path.of(profile), limits, false, o.path("Remove").asBoolean(),
                    o.path("Detach").asBoolean(),
                    new BoxSpec.Publishing(ports, pub.path("PublishAll").asBoolean(), pub.path("AllowHostLoopback").asBoolean()),
                    mounts, resources);
        } catch (IllegalArgumentException e) {
            throw new MalformedJsonException(what + ": " + e.getMessage());
        }
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    private static void putIfSet(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }
}
