package dev.foxbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.image.DataRoot;
import dev.foxbox.image.LocalImages;
import dev.foxbox.image.layer.Compression;
import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.store.StoredImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8: {@code foxbox export} writes what a box sees, owners of the box's users included (read
 * in a user namespace); {@code foxbox commit} makes one layer of what it changed, whiteouts and
 * opaque directories included, the runtime's mount points left out.
 */
class ExportCommitTest {

    /** Files made, one owned by 1000 and private, one deleted, /etc replaced whole (an opaque directory). */
    static final String CHANGES = "echo hello > /msg; mkdir /data; echo secret > /data/owned; chown -R 1000:1000 /data;"
            + " chmod 600 /data/owned; rm /bin/ls; rm -rf /usr; mkdir -p /usr/only; echo only > /usr/only/file";

    @TempDir
    static Path shared;
    static Foxbox foxbox;

    @TempDir
    Path dir;

    @BeforeAll
    static void image() throws Exception {
        foxbox = new Foxbox(shared.resolve("root"));
        foxbox.run("import", HostTools.busyboxRootfs(shared).toString(), "busybox").ok();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (foxbox != null) {
            ImageTravelTest.removeEverything(foxbox);
        }
    }

    /** Entry name → "uid:gid mode type", from a tar. */
    static Map<String, String> entries(InputStream tarBytes) throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(tarBytes)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                entries.put(e.getName(), e.getLongUserId() + ":" + e.getLongGroupId() + " " + Integer.toOctalString(e.getMode() & 07777)
                        + (e.isDirectory() ? " dir" : e.isSymbolicLink() ? " link" : " file"));
            }
        }
        return entries;
    }

    @Test
    void exportIsWhatTheBoxSeesAndImportsAgain() throws Exception {
        foxbox.runProcess("run", "--name", "exported", "busybox", "sh", "-c", CHANGES).ok();
        Path tar = dir.resolve("exported.tar");
        foxbox.run("export", "-o", tar.toString(), "exported").ok();
        Map<String, String> entries = entries(Files.newInputStream(tar));
        assertEquals("0:0 644 file", entries.get("msg"));
        assertEquals("1000:1000 600 file", entries.get("data/owned"), "owners and modes as the box sees them");
        assertEquals("0:0 755 file", entries.get("bin/busybox"));
        assertFalse(entries.containsKey("bin/ls"), "deleted in the box");
        assertEquals(List.of("usr/", "usr/only/", "usr/only/file"), entries.keySet().stream().filter(n -> n.startsWith("usr")).toList());
        assertTrue(entries.keySet().stream().noneMatch(n -> n.startsWith("./") || n.contains(".wh.")), "plain names, no whiteouts");

        foxbox.run("import", tar.toString(), "reimported:1").ok();
        String seen = foxbox.runProcess("run", "--rm", "reimported:1", "sh", "-c",
                "cat /msg; stat -c %u:%a /data/owned; ls /usr; test -e /bin/ls || echo no ls").ok().out();
        assertEquals("hello\n1000:600\nonly\nno ls\n", seen);
        foxbox.run("rm", "exported").ok();
    }

    @Test
    void aRunningBoxIsExportedAsItIsThenAndToStandardOutput() throws Exception {
        String id = foxbox.runProcess("run", "-d", "--name", "running", "busybox", "sh", "-c",
                "echo now > /now; sleep 30").ok().out().strip();
        Path tar = dir.resolve("running.tar");
        for (int i = 0; i < 100 && !Files.exists(foxbox.root().resolve("boxes").resolve(id).resolve("upper/now")); i++) {
            Thread.sleep(50);
        }
        Process export = foxbox.process("export", "running").redirectOutput(tar.toFile()).start();
        assertEquals(0, export.waitFor(), new String(export.getErrorStream().readAllBytes()));
        assertEquals("0:0 644 file", entries(Files.newInputStream(tar)).get("now"));
        foxbox.run("rm", "-f", "running").ok();
    }

    @Test
    void commitMakesOneLayerOfTheChanges() throws Exception {
        foxbox.runProcess("run", "--name", "changed", "busybox", "sh", "-c", CHANGES).ok();
        foxbox.run("commit", "-a", "Fox <fox@example.com>", "-m", "one layer", "changed", "committed:1").ok();
        StoredImage base = LocalImages.open(new DataRoot(foxbox.root())).get("busybox");
        StoredImage image = LocalImages.open(new DataRoot(foxbox.root())).get("committed:1");
        assertEquals(base.manifest().layers(), image.manifest().layers().subList(0, base.manifest().layers().size()));
        assertEquals(base.manifest().layers().size() + 1, image.manifest().layers().size());
        assertEquals("foxbox commit", image.config().history().get(image.config().history().size() - 1).createdBy());
        assertEquals("one layer", image.config().history().get(image.config().history().size() - 1).comment());
        assertEquals("Fox <fox@example.com>", image.config().author());

        Descriptor layer = image.manifest().layers().get(image.manifest().layers().size() - 1);
        Map<String, String> entries;
        try (InputStream in = Compression.decompress(LocalImages.open(new DataRoot(foxbox.root())).store().blobs().open(layer.digest()))) {
            entries = entries(in);
        }
        assertEquals("0:0 644 file", entries.get("bin/.wh.ls"), "a deletion is a whiteout");
        assertTrue(entries.containsKey("usr/.wh..wh..opq"), "a replaced directory is opaque: " + entries.keySet());
        assertEquals("1000:1000 600 file", entries.get("data/owned"));
        assertTrue(entries.keySet().stream().noneMatch(n -> n.startsWith("etc/") || n.startsWith("dev") || n.startsWith("proc")
                || n.startsWith("sys")), "no mount points of the runtime: " + entries.keySet());

        String seen = foxbox.runProcess("run", "--rm", "committed:1", "sh", "-c",
                "cat /msg; stat -c %u:%a /data/owned; ls /usr; test -e /bin/ls || echo no ls").ok().out();
        assertEquals("hello\n1000:600\nonly\nno ls\n", seen);
        foxbox.run("rm", "changed").ok();
    }
}
