package dev.foxbox.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * podman and buildah with storage of their own under a test's directory, as whoever runs the
 * tests (rootless in CI, root here): vfs storage, so that nothing stays mounted and the files
 * can be removed afterwards; runc, no default ulimits and no network, which root podman needs on
 * this host's hybrid cgroups (a containers.conf of the test's, through CONTAINERS_CONF); an
 * insecure loopback registry is given {@code --tls-verify=false} by the caller.
 */
final class Podman implements AutoCloseable {

    private final Path dir;
    private final Path conf;

    private Podman(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        this.conf = Files.writeString(dir.resolve("containers.conf"),
                "[containers]\ndefault_ulimits = []\n[engine]\nruntime = \"runc\"\n");
    }

    /** Skips the calling test, saying why, without podman, buildah or runc, or rootless without a subuid range. */
    static Podman in(Path dir) throws IOException {
        HostTools.require("podman");
        HostTools.require("buildah");
        HostTools.require("runc");
        if (HostTools.uid() != 0) {
            String user = System.getProperty("user.name");
            boolean range = Files.isReadable(Path.of("/etc/subuid"))
                    && Files.readAllLines(Path.of("/etc/subuid")).stream().anyMatch(l -> l.startsWith(user + ":"));
            Assumptions.assumeTrue(range, "skipped: rootless podman needs a range for " + user + " in /etc/subuid");
        }
        return new Podman(dir);
    }

    String podman(String... args) throws Exception {
        return ok(command("podman", args));
    }

    String buildah(String... args) throws Exception {
        return ok(command("buildah", args));
    }

    private List<String> command(String tool, String... args) {
        List<String> command = new ArrayList<>(List.of(tool, "--root", dir.resolve("root").toString(),
                "--runroot", dir.resolve("run").toString(), "--storage-driver", "vfs"));
        command.addAll(List.of(args));
        return command;
    }

    private String ok(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("XDG_RUNTIME_DIR", HostTools.runtimeDir().toString());
        pb.environment().put("CONTAINERS_CONF", conf.toString());
        pb.environment().put("TMPDIR", Files.createDirectories(dir.resolve("tmp")).toString());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed with " + p.exitValue() + ":\n" + out);
        }
        return out;
    }

    /** Removes the storage, whose files belong to subordinate ids when rootless. */
    @Override
    public void close() throws Exception {
        if (Files.exists(dir.resolve("root")) || Files.exists(dir.resolve("run"))) {
            if (HostTools.uid() == 0) {
                HostTools.runOk(null, "rm", "-rf", dir.resolve("root").toString(), dir.resolve("run").toString());
            } else {
                podman("unshare", "rm", "-rf", dir.resolve("root").toString(), dir.resolve("run").toString());
            }
        }
    }
}
