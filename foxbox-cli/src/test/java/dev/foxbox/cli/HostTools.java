package dev.foxbox.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** The real tools the tests compare foxbox with (skopeo, umoci, buildah), run as this user. */
final class HostTools {

    private HostTools() {}

    /** Skips the calling test, saying why, when {@code tool} is not installed. */
    static void require(String tool) {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                found = true;
                break;
            }
        }
        Assumptions.assumeTrue(found, "skipped: " + tool + " is not installed (CI installs it; see .ci/run)");
    }

    /** A runtime directory for skopeo/podman/buildah when there is no login session. */
    static Path runtimeDir() throws IOException {
        String fromEnv = System.getenv("XDG_RUNTIME_DIR");
        if (fromEnv != null && Files.isDirectory(Path.of(fromEnv)) && Files.isWritable(Path.of(fromEnv))) {
            return Path.of(fromEnv);
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "foxbox-test-run-" + uid());
        Files.createDirectories(dir);
        return dir;
    }

    static long uid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    record Output(int exitCode, String out) {}

    /** Runs a command, returning its exit code and its stdout+stderr; fails the test on a timeout. */
    static Output run(Path workDir, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        pb.environment().put("XDG_RUNTIME_DIR", runtimeDir().toString());
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Output(p.exitValue(), new String(out));
    }

    static String runOk(Path workDir, String... command) throws IOException, InterruptedException {
        Output o = run(workDir, List.of(command));
        if (o.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed with " + o.exitCode() + ":\n" + o.out());
        }
        return o.out();
    }

    /** The repository root, found from this module's directory (Maven runs tests there). */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("examples/busybox/make-rootfs.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root from " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** A busybox root filesystem tarball made by examples/busybox/make-rootfs.sh; skips without busybox-static. */
    static Path busyboxRootfs(Path dir) throws IOException, InterruptedException {
        Path busybox = Path.of("/bin/busybox");
        Assumptions.assumeTrue(Files.isExecutable(busybox), "skipped: /bin/busybox is missing (install busybox-static)");
        Path out = dir.resolve("busybox-rootfs.tar.gz");
        Output o = run(null, List.of(repositoryRoot().resolve("examples/busybox/make-rootfs.sh").toString(), out.toString()));
        Assumptions.assumeTrue(o.exitCode() == 0 || !o.out().contains("not a static busybox"),
                "skipped: /bin/busybox is not static (install busybox-static)");
        if (o.exitCode() != 0) {
            throw new AssertionError("make-rootfs.sh failed: " + o.out());
        }
        return out;
    }
}
