package dev.foxbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 2: {@code kill -9} in the middle of writing leaves no visible partial blob, and the next command succeeds. */
class KillDuringWriteTest {

    @TempDir
    Path dir;

    @Test
    void killMidBlobLeavesNothingVisible() throws Exception {
        Path root = dir.resolve("root");
        Foxbox foxbox = new Foxbox(root);
        foxbox.run("images").ok(); // creates the store

        Process importer = foxbox.process("import", "-", "half").redirectErrorStream(true).start();
        try (OutputStream stdin = importer.getOutputStream();
             TarArchiveOutputStream tar = new TarArchiveOutputStream(stdin)) {
            TarArchiveEntry e = new TarArchiveEntry("big");
            e.setSize(64L * 1024 * 1024);
            tar.putArchiveEntry(e);
            byte[] chunk = new byte[256 * 1024];
            new Random(1).nextBytes(chunk);
            // Feed until the blob's temporary file has content, then kill the writer.
            for (int i = 0; i < 200 && !partialWritten(root); i++) {
                tar.write(chunk);
                tar.flush();
                Thread.sleep(20);
            }
            assertTrue(partialWritten(root), "the importer never started writing");
            importer.destroyForcibly(); // SIGKILL
            assertTrue(importer.waitFor(30, TimeUnit.SECONDS));
        } catch (java.io.IOException brokenPipe) {
            // The killed process closed its stdin under us: expected.
        }
        assertEquals(137, importer.waitFor());

        StoreChecks.assertConsistent(root);
        assertFalse(foxbox.run("images").ok().out().contains("half"));
        try (Stream<Path> blobs = Files.list(root.resolve("store/blobs/sha256"))) {
            assertEquals(0, blobs.count(), "a partial blob became visible");
        }
        String pruned = foxbox.run("system", "prune", "-f").ok().out();
        assertTrue(pruned.contains("1 temporary files"), pruned);

        Path tarball = HostTools.busyboxRootfs(dir);
        foxbox.run("import", tarball.toString(), "after").ok();
        StoreChecks.assertConsistent(root);
    }

    @Test
    void killAtRandomPointsOfImportTagAndRemove() throws Exception {
        Path root = dir.resolve("root");
        Foxbox foxbox = new Foxbox(root);
        Path tarball = HostTools.busyboxRootfs(dir);
        Random random = new Random(42);
        String java = String.join(" ", foxbox.process().command().stream().map(w -> "'" + w + "'").toList());
        for (int round = 0; round < 6; round++) {
            String script = String.join("\n", "set -e", "fb() { " + java + " \"$@\"; }",
                    "while true; do",
                    "  fb import " + tarball + " img" + round,
                    "  fb tag img" + round + " alias" + round,
                    "  fb rmi img" + round,
                    "  fb rmi alias" + round,
                    "done");
            Process p = new ProcessBuilder("setsid", "bash", "-c", script).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("round" + round + ".log").toFile()).start();
            Thread.sleep(800 + random.nextInt(2500));
            // Kill the whole process group: the script and the foxbox JVM it is running.
            new ProcessBuilder("kill", "-9", "--", "-" + p.pid()).inheritIO().start().waitFor();
            p.waitFor(30, TimeUnit.SECONDS);
            StoreChecks.assertConsistent(root);
            foxbox.run("images").ok();
        }
        foxbox.run("system", "prune", "-f").ok();
        StoreChecks.assertNothingUnreferenced(root);
        foxbox.run("import", tarball.toString(), "final").ok();
        foxbox.run("image", "inspect", "final").ok();
        try (Stream<Path> tmp = Files.list(root.resolve("tmp"))) {
            List<String> left = tmp.map(p -> p.getFileName().toString()).toList();
            assertEquals(List.of(), left, "prune left temporary files of killed processes");
        }
    }

    private static boolean partialWritten(Path root) throws Exception {
        Path tmp = root.resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return false;
        }
        try (Stream<Path> files = Files.list(tmp)) {
            return files.anyMatch(f -> {
                try {
                    return f.getFileName().toString().startsWith("blob-") && Files.size(f) > 0;
                } catch (java.io.IOException e) {
                    return false;
                }
            });
        }
    }
}
