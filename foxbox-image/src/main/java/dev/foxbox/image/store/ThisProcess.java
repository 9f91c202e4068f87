package dev.foxbox.image.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's id, for the names of temporary files. Read from /proc/self rather than through
 * {@code ProcessHandle.current()}: setting up ProcessHandle starts the JDK's process machinery and
 * links its lambdas, whose first non-capturing one has the JVM generate a method-handle class
 * (about 3 ms of a box start; BENCHMARKS.md, "Run").
 */
public final class ThisProcess {

    private static final long PID = readPid();

    private ThisProcess() {}

    public static long pid() {
        return PID;
    }

    private static long readPid() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/self")).toString());
        } catch (IOException | NumberFormatException e) {
            return ProcessHandle.current().pid();
        }
    }
}
