package dev.foxbox.runtime.box;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foxbox.image.json.Json;
import java.time.Instant;

/**
 * The JSON foxbox prints about boxes ({@code ps --format json}, {@code inspect}), with docker's
 * field names so that scripts written for it read foxbox's.
 */
public final class BoxJson {

    private BoxJson() {}

    public static ObjectNode summary(BoxRecord box, BoxStatus status) {
        ObjectNode o = Json.object();
        o.put("Id", box.id());
        o.put("Names", box.name());
        o.put("Image", box.image());
        o.put("ImageID", box.imageId().toString());
        o.put("Command", String.join(" ", box.command()));
        o.put("Created", box.created().getEpochSecond());
        o.put("CreatedAt", box.created().toString());
        o.put("State", state(status));
        o.put("ExitCode", status.exitCode());
        if (status.running()) {
            o.put("Pid", status.pid());
        }
        return o;
    }

    public static ObjectNode inspect(BoxRecord box, BoxStatus status, String boxfs, String logPath) {
        ObjectNode o = Json.object();
        o.put("Id", box.id());
        o.put("Name", box.name());
        o.put("Created", box.created().toString());
        o.put("Path", box.command().isEmpty() ? "" : box.command().get(0));
        o.set("Args", Json.stringArray(box.command().isEmpty() ? box.command() : box.command().subList(1, box.command().size())));
        ObjectNode state = o.putObject("State");
        state.put("Status", state(status));
        state.put("Running", status.running());
        state.put("Pid", status.pid());
        state.put("MonitorPid", status.monitorPid());
        state.put("ExitCode", status.exitCode());
        state.put("StartedAt", time(status.startedAt()));
        state.put("FinishedAt", time(status.finishedAt()));
        o.put("Image", box.imageId().toString());
        o.put("ImageName", box.image());
        o.put("ImageManifest", box.manifest().digest().toString());
        ObjectNode config = BoxSpecJson.toJson(box.spec());
        config.put("Hostname", box.hostname());
        o.set("Config", config);
        ObjectNode network = o.putObject("NetworkSettings");
        network.put("Mode", box.spec().network().name().toLowerCase(java.util.Locale.ROOT));
        o.putArray("Mounts");
        o.put("BoxFs", boxfs);
        o.put("LogPath", logPath);
        return o;
    }

    /** docker's words: created, running, exited. */
    public static String state(BoxStatus status) {
        return status.state().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String time(Instant t) {
        return t == null ? "0001-01-01T00:00:00Z" : t.toString();
    }
}
