package dev.foxbox.runtime.helper;

import dev.foxbox.image.store.ThisProcess;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The helper that started this JVM, waiting for a box's plan (the launcher starts {@code foxbox
 * run} as {@code foxbox-helper launch java …}; the helper's launch.h). Java plans the box as
 * always, then hands the plan over instead of starting a helper of its own: that helper is
 * already running from its sealed copy and is already the process the user's shell waits for,
 * so a box start saves a process start through the JDK and the JVM's exit after the box, and no
 * JVM stays for the box's life (BENCHMARKS.md, "Run").
 *
 * <p>The channel is {@value #ENVIRONMENT} = "PID:PLANFD:REPLYFD": the helper's pid (this JVM's
 * parent, checked, so that the variable means nothing to any other process) and two pipes this
 * JVM inherited. This side writes "run PLANFILE\n" on the first; the helper answers one byte on
 * the second: 0 once the box's command runs, else the exit code of its failure, with the error
 * in the plan's error file. Call order: {@link #fromEnvironment}, {@link #send}, {@link #awaitStart}.
 */
public final class Handover {

    /** protocol.h's HANDOVER_ENV. */
    public static final String ENVIRONMENT = "FOXBOX_HANDOVER";
    /** protocol.h's HANDOVER_RUN. */
    static final String RUN = "run";

    private static boolean taken;

    private final int planFd;
    private final int replyFd;

    private Handover(int planFd, int replyFd) {
        this.planFd = planFd;
        this.replyFd = replyFd;
    }

    /** The helper waiting for this JVM's plan, or null: none started this JVM, or its one box was handed over. */
    public static synchronized Handover fromEnvironment() {
        String channel = System.getenv(ENVIRONMENT);
        if (taken || channel == null) {
            return null;
        }
        String[] fields = channel.split(":");
        try {
            if (fields.length != 3 || Long.parseLong(fields[0]) != ThisProcess.parentPid()) {
                return null;
            }
            taken = true;
            return new Handover(Integer.parseInt(fields[1]), Integer.parseInt(fields[2]));
        } catch (NumberFormatException | IOException e) {
            return null;
        }
    }

    /** Hands the plan over: the helper starts the box as soon as it reads this. */
    void send(Path planFile) throws IOException {
        try (FileOutputStream out = new FileOutputStream("/proc/self/fd/" + planFd)) {
            out.write((RUN + " " + planFile + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Waits for the helper's answer: 0 once the box runs, else the failure's exit code. */
    int awaitStart() throws IOException {
        try (FileInputStream in = new FileInputStream("/proc/self/fd/" + replyFd)) {
            int code = in.read();
            return code < 0 ? HelperInput.EXIT_FAILED : code;
        }
    }
}
