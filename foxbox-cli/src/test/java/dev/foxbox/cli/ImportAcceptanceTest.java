package dev.foxbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 2's first acceptance line: import a busybox root filesystem, see it in {@code images}
 * and in {@code skopeo inspect}, remove it and its blobs.
 */
class ImportAcceptanceTest {

    @TempDir
    Path dir;

    @Test
    void importListInspectWithSkopeoAndRemove() throws Exception {
        Path tarball = HostTools.busyboxRootfs(dir);
        Foxbox foxbox = new Foxbox(dir.resolve("root"));

        String id = foxbox.run("import", tarball.toString(), "busybox").ok().out().strip();
        assertTrue(id.matches("sha256:[0-9a-f]{64}"), id);

        String images = foxbox.run("images").ok().out();
        assertTrue(images.startsWith("REPOSITORY"), images);
        assertTrue(images.contains("docker.io/library/busybox") && images.contains("latest")
                && images.contains(id.substring(7, 19)), images);

        HostTools.require("skopeo");
        String inspected = HostTools.runOk(null, "skopeo", "inspect",
                "oci:" + foxbox.root().resolve("store") + ":docker.io/library/busybox:latest");
        assertTrue(inspected.contains("\"Architecture\": \"amd64\"") || inspected.contains("\"Architecture\""), inspected);
        assertTrue(inspected.contains("\"Layers\""), inspected);
        String config = HostTools.runOk(null, "skopeo", "inspect", "--config",
                "oci:" + foxbox.root().resolve("store") + ":docker.io/library/busybox:latest");
        assertTrue(config.contains("foxbox import busybox-rootfs.tar.gz"), config);

        String removed = foxbox.run("rmi", "busybox").ok().out();
        assertTrue(removed.contains("Untagged: docker.io/library/busybox:latest"), removed);
        assertTrue(removed.contains("Deleted: " + id), removed);
        assertFalse(foxbox.run("images").ok().out().contains("busybox"));
        try (Stream<Path> blobs = Files.list(foxbox.root().resolve("store/blobs/sha256"))) {
            assertEquals(0, blobs.count(), "rmi left blobs behind");
        }
    }

    @Test
    void importNamesTheImageAfterTheFile() throws Exception {
        Path tarball = HostTools.busyboxRootfs(dir);
        Path named = Files.move(tarball, dir.resolve("alpine-minirootfs-3.18.4-x86_64.tar.gz"));
        Foxbox foxbox = new Foxbox(dir.resolve("root"));
        foxbox.run("import", named.toString()).ok();
        String images = foxbox.run("images", "--format", "json").ok().out();
        assertTrue(images.contains("\"Repository\" : \"docker.io/library/alpine-minirootfs-3.18.4-x86_64\""), images);
    }

    @Test
    void unpackGivesTheBusyboxTree() throws Exception {
        Path tarball = HostTools.busyboxRootfs(dir);
        Foxbox foxbox = new Foxbox(dir.resolve("root"));
        foxbox.run("import", tarball.toString(), "busybox").ok();
        Path out = dir.resolve("unpacked");
        foxbox.run("image", "unpack", "busybox", out.toString()).ok();
        assertTrue(Files.isExecutable(out.resolve("bin/busybox")));
        assertEquals(Path.of("/bin/busybox"), Files.readSymbolicLink(out.resolve("bin/sh")));
        assertTrue(Files.readString(out.resolve("etc/passwd")).startsWith("root:x:0:0"));
    }
}
