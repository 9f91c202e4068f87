package dev.foxbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 2: 8 processes importing, tagging and removing images in one store at once. Afterwards
 * every tag resolves, every blob matches its digest, and nothing unreferenced is left after
 * {@code system prune}.
 */
class ConcurrentStoreTest {

    static final int PROCESSES = 8;

    @TempDir
    Path dir;

    @Test
    void eightProcessesShareOneStore() throws Exception {
        Path root = dir.resolve("root");
        Foxbox foxbox = new Foxbox(root);
        Path shared = tarball("shared", "the same content in every process");

        // Each process runs a script of foxbox commands, one JVM per command, as a user would.
        List<Process> workers = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            Path own = tarball("own" + p, "content of process " + p);
            String java = String.join(" ", quoted(foxbox.process().command()));
            String script = String.join("\n",
                    "set -e",
                    "fb() { " + java + " \"$@\"; }",
                    "fb import " + own + " own" + p,
                    "fb import " + shared + " shared" + p,
                    "fb tag own" + p + " alias" + p + ":1",
                    "fb tag shared" + p + " alias" + p + ":2",
                    "fb rmi shared" + p,
                    "fb import " + own + " temp" + p,
                    "fb rmi -f temp" + p,
                    (p % 2 == 0 ? "fb system prune -f" : "fb images -q"),
                    "fb tag alias" + p + ":2 final" + p);
            Process worker = new ProcessBuilder("bash", "-c", script)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("worker" + p + ".log").toFile())
                    .start();
            workers.add(worker);
        }
        for (int p = 0; p < PROCESSES; p++) {
            Process w = workers.get(p);
            assertTrue(w.waitFor(600, TimeUnit.SECONDS), "worker " + p + " timed out");
            assertEquals(0, w.exitValue(), "worker " + p + " failed:\n" + Files.readString(dir.resolve("worker" + p + ".log")));
        }

        StoreChecks.assertConsistent(root);
        String images = foxbox.run("images").ok().out();
        for (int p = 0; p < PROCESSES; p++) {
            for (String name : List.of("own" + p, "alias" + p + ":1", "alias" + p + ":2", "final" + p)) {
                foxbox.run("image", "inspect", name).ok();
            }
            assertTrue(!images.contains("library/temp" + p + " ") && !images.contains("library/shared" + p + " "), images);
        }
        foxbox.run("system", "prune", "-f").ok();
        StoreChecks.assertNothingUnreferenced(root);
        StoreChecks.assertConsistent(root);
        // All processes' "shared" images have one content: its layer is stored once.
        long sharedLayers = foxbox.run("image", "inspect", "final0", "final1").ok().out().lines()
                .filter(l -> l.contains("\"digest\"")).distinct().count();
        assertEquals(1, sharedLayers);
    }

    private static List<String> quoted(List<String> words) {
        return words.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").toList();
    }

    private Path tarball(String name, String content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry("etc/" + name);
            e.setSize(data.length);
            e.setModTime(0);
            tar.putArchiveEntry(e);
            tar.write(data);
            tar.closeArchiveEntry();
        }
        return Files.write(dir.resolve(name + ".tar"), bytes.toByteArray());
    }
}
