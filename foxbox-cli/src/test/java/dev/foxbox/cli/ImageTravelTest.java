package dev.foxbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.image.DataRoot;
import dev.foxbox.image.LocalImages;
import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.store.StoredImage;
import dev.foxbox.registry.testing.LocalRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8: images travel. foxbox pushes to a real registry on loopback and saves archives that
 * podman and skopeo read; it pulls what buildah pushed and loads what podman and skopeo save,
 * both archive formats, and the manifest digest survives push, pull, save and load.
 *
 * <p>Most tests use an image foxbox made by committing a box (busybox with a file written, one
 * owned by 1000, one deleted); the last two build one from a Foxfile.
 */
class ImageTravelTest {

    static final String MADE = "fox/made:1";

    @TempDir
    static Path shared;
    static LocalRegistry registry;
    static Foxbox foxbox;
    static Podman podman;
    static String buildahImage;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeAnImage() throws Exception {
        registry = LocalRegistry.start(shared.resolve("registry"));
        foxbox = new Foxbox(shared.resolve("root"));
        foxbox.run("import", HostTools.busyboxRootfs(shared).toString(), "busybox").ok();
        foxbox.runProcess("run", "--name", "maker", "busybox", "sh", "-c", "echo hello from foxbox > /msg; mkdir /data;"
                + " echo secret > /data/owned; chown -R 1000:1000 /data; chmod 600 /data/owned; rm /bin/ls").ok();
        foxbox.run("commit", "-m", "the test's changes", "maker", MADE).ok();
        foxbox.run("rm", "maker").ok();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (podman != null) {
            podman.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (foxbox != null) {
            removeEverything(foxbox);
        }
    }

    /** Boxes and flattened images hold files of the box's users, which only foxbox can remove. */
    static void removeEverything(Foxbox f) throws Exception {
        for (String id : f.run("ps", "-aq", "--no-trunc").out().split("\\s+")) {
            if (!id.isBlank()) {
                f.run("rm", "-f", id);
            }
        }
        for (String id : f.run("images", "-q", "--no-trunc").out().split("\\s+")) {
            if (!id.isBlank()) {
                f.run("rmi", "-f", id);
            }
        }
    }

    static Podman podman() throws Exception {
        if (podman == null) {
            podman = Podman.in(shared.resolve("podman"));
        }
        return podman;
    }

    /** An image buildah made from busybox: a file written, /bin/ls deleted, a CMD that shows both. */
    static String buildahImage() throws Exception {
        if (buildahImage == null) {
            Podman p = podman();
            p.podman("import", "-q", HostTools.busyboxRootfs(shared).toString(), "localhost/busybox:1");
            String container = p.buildah("from", "-q", "localhost/busybox:1").strip();
            p.buildah("run", "--network", "none", container, "--", "sh", "-c", "echo from buildah > /from-buildah; rm /bin/ls");
            p.buildah("config", "--cmd", "[\"/bin/sh\", \"-c\", \"cat /from-buildah; test -e /bin/ls || echo no ls\"]", container);
            p.buildah("commit", "-q", container, "localhost/buildah:1");
            p.buildah("rm", container);
            buildahImage = "localhost/buildah:1";
        }
        return buildahImage;
    }

    static String inspect(Foxbox f, String image, String field) {
        String json = f.run("image", "inspect", image).ok().out();
        int at = json.indexOf("\"" + field + "\" : \"");
        assertTrue(at >= 0, field + " missing from " + json);
        int start = at + field.length() + 6;
        return json.substring(start, json.indexOf('"', start));
    }

    static List<Descriptor> layers(Foxbox f, String image) throws Exception {
        StoredImage stored = LocalImages.open(new DataRoot(f.root())).get(image);
        return stored.manifest().layers();
    }

    @Test
    void foxboxsImageIsPushedPulledByPodmanAndKeepsItsDigestThroughPullSaveAndLoad() throws Exception {
        String target = registry.host() + "/fox/made:1";
        Path digestFile = dir.resolve("digest");
        Foxbox.Result push = foxbox.run("push", "--digestfile", digestFile.toString(), MADE, target).ok();
        String digest = Files.readString(digestFile, StandardCharsets.UTF_8);
        assertEquals(inspect(foxbox, MADE, "ManifestDigest"), digest);
        List<String> lines = push.out().lines().toList();
        assertEquals("Pushing " + target + " (2 layers)", lines.get(0));
        assertTrue(lines.get(1).matches("[0-9a-f]{12}: pushed .* in .* s \\(.*/s\\)"), push.out());
        assertEquals(target + "@" + digest, lines.get(lines.size() - 1));
        assertTrue(foxbox.run("push", MADE, target).ok().out().contains(": already exists"), "a second push skips the blobs");

        HostTools.require("skopeo");
        String skopeo = HostTools.runOk(null, "skopeo", "inspect", "--tls-verify=false", "docker://" + target);
        assertTrue(skopeo.contains("\"Digest\": \"" + digest + "\""), skopeo);

        Podman p = podman();
        p.podman("pull", "-q", "--tls-verify=false", target);
        String ran = p.podman("run", "--rm", "--network", "none", target, "sh", "-c", "cat /msg; ls -ln /data;"
                + " test -e /bin/ls || echo no ls");
        assertTrue(ran.startsWith("hello from foxbox\n") && ran.contains(" 1000     1000 ") && ran.endsWith("no ls\n"), ran);

        // push → pull → save → load, on data roots of their own: the same manifest, the same layers.
        Foxbox pulled = new Foxbox(dir.resolve("pulled"));
        pulled.run("pull", "-q", target).ok();
        assertEquals(digest, inspect(pulled, target, "ManifestDigest"));
        Path archive = dir.resolve("made.tar");
        pulled.run("save", "--format", "oci-archive", "-o", archive.toString(), target).ok();
        Foxbox loaded = new Foxbox(dir.resolve("loaded"));
        assertEquals("Loaded image: " + target + "\n", loaded.run("load", "-i", archive.toString()).ok().out());
        assertEquals(digest, inspect(loaded, target, "ManifestDigest"));
        assertEquals(layers(foxbox, MADE), layers(loaded, target));
        assertEquals("hello from foxbox\n", loaded.runProcess("run", "--rm", target, "cat", "/msg").ok().out());
        removeEverything(loaded);

        // Another repository of the same registry: the layers are mounted from the first one, not sent.
        foxbox.run("tag", MADE, target).ok();
        String other = registry.host() + "/fox/other:1";
        String mounted = foxbox.run("push", target, other).ok().out();
        assertEquals(2, mounted.lines().filter(l -> l.endsWith(": mounted from " + registry.host() + "/fox/made")).count(), mounted);
        foxbox.run("rmi", target).ok();
    }

    @Test
    void buildahsImageIsPushedThenPulledAndRunByFoxbox() throws Exception {
        String image = buildahImage();
        String target = registry.host() + "/buildah/image:1";
        podman().buildah("push", "-q", "--tls-verify=false", image, "docker://" + target);
        Foxbox f = new Foxbox(dir.resolve("root"));
        f.run("pull", "-q", target).ok();
        assertEquals("from buildah\nno ls\n", f.runProcess("run", "--rm", target).ok().out());
        removeEverything(f);
    }

    @Test
    void podmansArchivesOfBothFormatsLoadAndRunInFoxbox() throws Exception {
        String image = buildahImage();
        for (String format : List.of("docker-archive", "oci-archive")) {
            Path archive = dir.resolve("podman-" + format + ".tar");
            podman().podman("save", "-q", "--format", format, "-o", archive.toString(), image);
            Foxbox f = new Foxbox(dir.resolve("root-" + format));
            assertEquals("Loaded image: " + image + "\n", f.run("load", "-i", archive.toString()).ok().out(), format);
            assertEquals("from buildah\nno ls\n", f.runProcess("run", "--rm", image).ok().out(), format);
            removeEverything(f);
        }
    }

    @Test
    void foxboxsArchivesOfBothFormatsLoadAndRunInPodman() throws Exception {
        Podman p = podman();
        for (String format : List.of("docker-archive", "oci-archive")) {
            Path archive = dir.resolve("foxbox-" + format + ".tar");
            foxbox.run("save", "--format", format, "-o", archive.toString(), MADE).ok();
            String out = p.podman("load", "-i", archive.toString());
            assertTrue(out.contains("Loaded image: docker.io/fox/made:1"), out);
            String ran = p.podman("run", "--rm", "--network", "none", "docker.io/fox/made:1", "sh", "-c",
                    "cat /msg; stat -c %u:%a /data/owned");
            assertEquals("hello from foxbox\n1000:600\n", ran, format);
            p.podman("rmi", "docker.io/fox/made:1");
        }
    }

    @Test
    void skopeosArchivesOfBothFormatsLoadIntoFoxbox() throws Exception {
        HostTools.require("skopeo");
        String source = "oci:" + foxbox.root().resolve("store") + ":docker.io/" + MADE;
        for (String format : List.of("docker-archive", "oci-archive")) {
            Path archive = dir.resolve("skopeo-" + format + ".tar");
            HostTools.runOk(null, "skopeo", "copy", "-q", source, format + ":" + archive + ":" + MADE);
            Foxbox f = new Foxbox(dir.resolve("root-" + format));
            assertEquals("Loaded image: docker.io/" + MADE + "\n", f.run("load", "-i", archive.toString()).ok().out(), format);
            assertEquals(inspect(foxbox, MADE, "Id"), inspect(f, MADE, "Id"), "the config survives either way");
            if (format.equals("oci-archive")) {
                assertEquals(inspect(foxbox, MADE, "ManifestDigest"), inspect(f, MADE, "ManifestDigest"));
            }
            assertEquals("hello from foxbox\n", f.runProcess("run", "--rm", MADE, "cat", "/msg").ok().out(), format);
            removeEverything(f);
        }
    }

    @Test
    void aSavedImageRunsOnAnotherDataRootWithTheSameLayers() throws Exception {
        Path oci = dir.resolve("made-oci.tar");
        Process save = foxbox.process("save", "--format", "oci-archive", MADE).redirectOutput(oci.toFile()).start();
        assertEquals(0, save.waitFor(), new String(save.getErrorStream().readAllBytes()));
        Foxbox f = new Foxbox(dir.resolve("oci"));
        f.runProcessWithInput(Files.readAllBytes(oci), "load").ok();
        assertEquals(layers(foxbox, MADE), layers(f, MADE));
        assertEquals(inspect(foxbox, MADE, "ManifestDigest"), inspect(f, MADE, "ManifestDigest"));
        assertEquals("hello from foxbox\n", f.runProcess("run", "--rm", MADE, "cat", "/msg").ok().out());
        removeEverything(f);

        Path docker = dir.resolve("made-docker.tar");
        foxbox.run("save", "-o", docker.toString(), MADE).ok();
        Foxbox g = new Foxbox(dir.resolve("docker"));
        g.run("load", "-i", docker.toString()).ok();
        StoredImage original = LocalImages.open(new DataRoot(foxbox.root())).get(MADE);
        StoredImage copy = LocalImages.open(new DataRoot(g.root())).get(MADE);
        assertEquals(original.id(), copy.id(), "the image id (its config) survives a docker archive");
        assertEquals(original.config().rootfs().diffIds(), copy.manifest().layers().stream().map(Descriptor::digest).toList(),
                "the same layers, stored as the uncompressed tars the archive holds");
        assertEquals("hello from foxbox\n", g.runProcess("run", "--rm", MADE, "cat", "/msg").ok().out());
        removeEverything(g);
    }

    @Test
    void aHostileArchiveIsRefusedInOneLineAndLoadsNothing() throws Exception {
        Path evil = dir.resolve("evil.tar");
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(Files.newOutputStream(evil))) {
            var entry = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("../../etc/cron.d/evil", true);
            entry.setSize(1);
            tar.putArchiveEntry(entry);
            tar.write('x');
            tar.closeArchiveEntry();
        }
        Foxbox f = new Foxbox(dir.resolve("root"));
        Foxbox.Result r = f.run("load", "-i", evil.toString());
        assertEquals(125, r.exitCode());
        assertEquals("foxbox: " + evil + ": ../../etc/cron.d/evil climbs out of the archive (../../etc/cron.d/evil)\n", r.err());
        assertEquals("", f.run("images", "-q").ok().out());
    }

    // ---- built by foxbox ----------------------------------------------------------------------

    /** Builds a Foxfile's image into {@code f}'s store (which has busybox). */
    static void build(Foxbox f, Path context, String tag) throws Exception {
        Files.createDirectories(context);
        Files.writeString(context.resolve("Foxfile"), "FROM busybox\nRUN echo hello from a Foxfile > /msg\nCMD [\"cat\", \"/msg\"]\n");
        f.runProcess("build", "-q", "--network", "none", "-t", tag, context.toString()).ok();
    }

    @Test
    void anImageFoxboxBuiltIsPushedThenPulledAndRunByPodman() throws Exception {
        build(foxbox, dir.resolve("context"), "fox/built:1");
        String target = registry.host() + "/fox/built:1";
        foxbox.run("push", "fox/built:1", target).ok();
        Podman p = podman();
        p.podman("pull", "-q", "--tls-verify=false", target);
        assertEquals("hello from a Foxfile\n", p.podman("run", "--rm", "--network", "none", target));
    }

    @Test
    void anImageFoxboxBuiltRunsOnAnotherDataRootAfterSaveAndLoad() throws Exception {
        build(foxbox, dir.resolve("context"), "fox/built:1");
        Path archive = dir.resolve("built.tar");
        foxbox.run("save", "--format", "oci-archive", "-o", archive.toString(), "fox/built:1").ok();
        Foxbox f = new Foxbox(dir.resolve("other"));
        f.run("load", "-i", archive.toString()).ok();
        assertEquals(layers(foxbox, "fox/built:1"), layers(f, "fox/built:1"));
        assertEquals("hello from a Foxfile\n", f.runProcess("run", "--rm", "fox/built:1").ok().out());
        removeEverything(f);
    }
}
