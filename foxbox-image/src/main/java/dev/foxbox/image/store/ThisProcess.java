package dev.foxbox.image.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's id, for the names of temporary files, and its parent's. Read from /proc/self rather than through
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

    /** This process's parent now, from /proc/self/stat. */
    public static long parentPid() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.UTF_8);
        // "pid (comm) state ppid …": comm may hold spaces and parentheses, so count from its last ')'.
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 3);
        return Long.parseLong(after[1]);
    }

    private static long readPid() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/self")).toString());
        } catch (IOException | NumberFormatException e) {
            return ProcessHandle.current().pid();
        }
    }
}
