package dev.foxbox.runtime.box;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foxbox.image.json.Json;
import dev.foxbox.image.json.Timestamps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Where a box is in its life, read from the state file its monitor writes. A box whose state says
 * "running" but whose monitor is gone (killed) is reported exited, with an unknown status (-1):
 * no command ever waits on a dead monitor.
 *
 * @param pid the host pid of the box's first process while it runs, else 0
 */
public record BoxStatus(State state, long pid, long monitorPid, int exitCode, Instant startedAt, Instant finishedAt) {

    public enum State { CREATED, RUNNING, EXITED }

    static final BoxStatus CREATED = new BoxStatus(State.CREATED, 0, 0, 0, null, null);

    public boolean running() {
        return state == State.RUNNING;
    }

    static BoxStatus read(Path stateFile) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(stateFile);
        } catch (NoSuchFileException e) {
            return CREATED;
        }
        JsonNode o = Json.parse(bytes, stateFile.toString());
        long pid = o.path("Pid").asLong();
        long monitor = o.path("MonitorPid").asLong();
        Instant started = time(o.path("StartedAt").asText(""));
        Instant finished = time(o.path("FinishedAt").asText(""));
        if ("running".equals(o.path("Status").asText())) {
            // The monitor outlives its box: while it lives the box runs, or the monitor is still
            // writing down how it ended (rm must not delete the directory under it, wait must get the code).
            if (alive(monitor)) {
                return new BoxStatus(State.RUNNING, pid, monitor, 0, started, null);
            }
            return new BoxStatus(State.EXITED, 0, 0, -1, started, null);
        }
        return new BoxStatus(State.EXITED, 0, 0, o.path("ExitCode").asInt(), started, finished);
    }

    /** Present and not a zombie. */
    static boolean alive(long pid) {
        if (pid <= 0 || ProcessHandle.of(pid).isEmpty()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int afterName = stat.lastIndexOf(')');
            return !(afterName > 0 && stat.length() > afterName + 2 && stat.charAt(afterName + 2) == 'Z');
        } catch (IOException e) {
            return false;
        }
    }

    private static Instant time(String text) {
        try {
            return text.isEmpty() ? null : Timestamps.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
