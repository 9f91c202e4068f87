package dev.foxbox.runtime.box;

import dev.foxbox.runtime.helper.BoxStartException;
import dev.foxbox.runtime.helper.HelperPlan;
import dev.foxbox.runtime.helper.HelperProcess;
import dev.foxbox.runtime.helper.Step;
import dev.foxbox.runtime.ids.IdMapping;
import java.io.IOException;
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

    /** Runs {@code argv}; its output is returned when it fails, in the exception. */
    void run(List<String> argv) throws IOException {
        Files.createDirectories(workDir);
        Path plan = Files.createTempFile(workDir, "unshare-", ".plan");
        Path error = plan.resolveSibling(plan.getFileName() + ".error");
        Path log = plan.resolveSibling(plan.getFileName() + ".log");
        List<String> env = new ArrayList<>();
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            env.add(e.getKey() + "=" + e.getValue());
        }
        HelperPlan helperPlan = new HelperPlan(Set.of(HelperPlan.Namespace.USER), ids, error, null, false, false, false,
                List.of(new Step.Env(env), new Step.Exec(argv)));
        try {
            ProcessBuilder pb = new ProcessBuilder().redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            int status = HelperProcess.start(helper, helperPlan, plan, pb).waitFor();
            if (status != 0) {
                String output = Files.readString(log, StandardCharsets.UTF_8).strip();
                throw new IOException(String.join(" ", argv.subList(0, Math.min(argv.size(), 3)))
                        + "… in the user namespace failed (status " + status + ")" + (output.isEmpty() ? "" : ": "
                        + output.lines().reduce((a, b) -> b).orElse("")));
            }
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
}
