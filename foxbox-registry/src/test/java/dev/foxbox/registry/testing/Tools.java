package dev.foxbox.registry.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** The host tools registry tests use (docker-registry, skopeo, openssl, htpasswd): found, or the test is skipped saying why. */
public final class Tools {

    private Tools() {}

    /** The tool's path; skips the calling test when it is not installed. */
    public static Path require(String tool, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return Path.of(dir, tool);
            }
        }
        Assumptions.assumeTrue(false, "skipped: " + tool + " is not installed (Debian package " + debianPackage
                + "; CI installs it, see .ci/run)");
        throw new AssertionError("unreachable");
    }

    /** A runtime directory for skopeo when there is no login session. */
    public static Path runtimeDir() throws IOException {
        String fromEnv = System.getenv("XDG_RUNTIME_DIR");
        if (fromEnv != null && Files.isDirectory(Path.of(fromEnv)) && Files.isWritable(Path.of(fromEnv))) {
            return Path.of(fromEnv);
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "foxbox-test-run-" + Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        Files.createDirectories(dir);
        return dir;
    }

    /** Runs a command to its end; fails the test with its output unless it exits 0. */
    public static String run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true);
        pb.environment().put("XDG_RUNTIME_DIR", runtimeDir().toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed with " + p.exitValue() + ":\n" + new String(out));
        }
        return new String(out);
    }
}
