package dev.foxbox.runtime.box;

import dev.foxbox.runtime.helper.BoxStartException;
import dev.foxbox.runtime.helper.HelperPlan;
import dev.foxbox.runtime.helper.HelperProcess;
import dev.foxbox.runtime.helper.Step;
import dev.foxbox.runtime.ids.IdMapping;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a host command as root of a fresh user namespace with the boxes' id maps, as
 * {@code podman unshare} does: how foxbox writes image files with their owners (subordinate
 * ids), and removes files that only those ids may remove.
 */
final class UserNamespaceCommand {

    private final Path helper;
    private final IdMapping ids;
    private final Path workDir;

    UserNamespaceCommand(Path helper, IdMapping ids, Path workDir) {
        this.helper = helper;
        this.ids = ids;
        this.workDir = workDir;
    }

    /** The command ran and failed; {@link #lastLine} is the last line it printed on stderr. */
    static final class Failed extends IOException {
        final String lastLine;

        Failed(String message, String lastLine) {
            super(message);
            this.lastLine = lastLine;
        }
    }

    /** Runs {@code argv}; its output is returned when it fails, in the exception. */
    void run(List<String> argv) throws IOException {
        run(List.of(), argv);
    }

    /**
     * Starts {@code argv} in a user namespace and a mount namespace of its own, attached to
     * {@code stdio}, and returns at once: a long-lived worker such as the builder's layer worker.
     * The caller removes {@link Started#files} when it is done.
     */
    Started start(List<String> argv, ProcessBuilder stdio) throws IOException {
        Files.createDirectories(workDir);
        Path plan = Files.createTempFile(workDir, "worker-", ".plan");
        Path error = plan.resolveSibling(plan.getFileName() + ".error");
        HelperPlan helperPlan = new HelperPlan(Set.of(HelperPlan.Namespace.USER, HelperPlan.Namespace.MOUNT), ids, error,
                null, false, false, false, List.of(new Step.Env(environment()), new Step.Exec(argv)));
        return new Started(HelperProcess.start(helper, helperPlan, plan, stdio), List.of(plan, error));
    }

    /** A command started in the background, and the helper's files to remove when it ends. */
    record Started(HelperProcess process, List<Path> files) {}

    private static List<String> environment() {
        List<String> env = new ArrayList<>();
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            env.add(e.getKey() + "=" + e.getValue());
        }
        return env;
    }

    /**
     * Runs {@code argv} after {@code mounts} (steps in a mount namespace of its own, such as an
     * overlay of a build's layers); returns what it printed on stdout.
     */
    String run(List<Step> mounts, List<String> argv) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        run(mounts, argv, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Runs {@code argv} after {@code mounts}, its stdout streamed to {@code out} (a box's files as
     * a tar, say); a failure is reported, with the last line it printed on stderr, once its output
     * has ended.
     */
    void run(List<Step> mounts, List<String> argv, OutputStream out) throws IOException {
        Files.createDirectories(workDir);
        Path plan = Files.createTempFile(workDir, "unshare-", ".plan");
        Path error = plan.resolveSibling(plan.getFileName() + ".error");
        Path log = plan.resolveSibling(plan.getFileName() + ".log");
        List<Step> steps = new ArrayList<>(mounts);
        steps.add(new Step.Env(environment()));
        steps.add(new Step.Exec(argv));
        Set<HelperPlan.Namespace> namespaces = mounts.isEmpty() ? Set.of(HelperPlan.Namespace.USER)
                : Set.of(HelperPlan.Namespace.USER, HelperPlan.Namespace.MOUNT);
        HelperPlan helperPlan = new HelperPlan(namespaces, ids, error, null, false, false, false, steps);
        try {
            ProcessBuilder pb = new ProcessBuilder().redirectError(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            HelperProcess process = HelperProcess.start(helper, helperPlan, plan, pb);
            try (InputStream stdout = process.process().getInputStream()) {
                stdout.transferTo(out);
            } catch (IOException | RuntimeException e) {
                process.process().destroyForcibly();
                throw e;
            }
            int status = process.waitFor();
            if (status != 0) {
                String output = Files.readString(log, StandardCharsets.UTF_8).strip();
                String last = output.lines().reduce((a, b) -> b).orElse("");
                throw new Failed(String.join(" ", argv.subList(0, Math.min(argv.size(), 3)))
                        + "… in the user namespace failed (status " + status + ")" + (last.isEmpty() ? "" : ": " + last),
                        last);
            }
            out.flush();
        } catch (BoxStartException e) {
            throw new IOException("cannot enter a user namespace: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(plan);
            Files.deleteIfExists(error);
            Files.deleteIfExists(log);
        }
    }

    /** The command line of a JVM like this one running {@code main} of foxbox's class path: what runs in the namespace. */
    static List<String> java(Class<?> main, String... args) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> argv = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        argv.addAll(List.of(args));
        return argv;
    }
}
