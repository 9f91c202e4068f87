package dev.foxbox.cli;

import dev.foxbox.runtime.helper.HelperBinary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs foxbox command lines against one data root: in this JVM, or as a separate process. */
final class Foxbox {

    record Result(int exitCode, String out, String err) {
        Result ok() {
            if (exitCode != 0) {
                throw new AssertionError("foxbox failed with " + exitCode + ": " + err + out);
            }
            return this;
        }
    }

    private final Path root;

    Foxbox(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** Runs in this JVM, as the launcher would run Main. */
    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--root", root.toString()));
        all.addAll(List.of(args));
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * A separate JVM running foxbox with this test's class path, for concurrency and kill -9. A
     * {@code run} or {@code exec} starts as the launcher starts it: {@code foxbox-helper launch
     * java …}, the JVM handing the box to the helper (see {@link #jvmOnly}).
     */
    ProcessBuilder process(String... args) {
        List<String> command = new ArrayList<>();
        if (args.length > 0 && (args[0].equals("run") || args[0].equals("exec"))) {
            command.addAll(List.of(helper().toString(), "launch"));
        }
        command.addAll(jvmOnly(args).command());
        return new ProcessBuilder(command);
    }

    /** A separate JVM running foxbox, as {@link #process}, with no helper before it: a run starts a helper of its own. */
    ProcessBuilder jvmOnly(String... args) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--root", root.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** The helper binary, installed under this data root as foxbox installs it. */
    Path helper() {
        try {
            return HelperBinary.install(root.resolve("helper"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    Result runProcess(String... args) throws IOException, InterruptedException {
        return runProcessWithInput(new byte[0], args);
    }

    /** A separate foxbox with {@code input} on its stdin; stdout and stderr captured apart. */
    Result runProcessWithInput(byte[] input, String... args) throws IOException, InterruptedException {
        return result(process(args), input);
    }

    /** Runs {@code command} with {@code input} on its stdin; stdout and stderr captured apart. */
    Result result(ProcessBuilder command, byte[] input) throws IOException, InterruptedException {
        Process p = command.start();
        String[] args = command.command().toArray(String[]::new);
        java.util.concurrent.CompletableFuture<byte[]> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        try (var stdin = p.getOutputStream()) {
            stdin.write(input);
        } catch (IOException closedEarly) {
            // The box did not read its input: fine for commands that ignore stdin.
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("foxbox " + String.join(" ", args) + " timed out");
        }
        return new Result(p.exitValue(), new String(out), new String(err.join()));
    }

    static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
