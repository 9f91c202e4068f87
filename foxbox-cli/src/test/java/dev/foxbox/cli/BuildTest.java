package dev.foxbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.image.DataRoot;
import dev.foxbox.image.LocalImages;
import dev.foxbox.image.model.ContainerConfig;
import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.ImageConfig;
import dev.foxbox.image.store.StoredImage;
import dev.foxbox.registry.testing.LocalRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7 on the real kernel: {@code foxbox build} runs RUN steps in boxes as whoever runs the
 * tests, and each layer it writes holds exactly what its step changed.
 */
class BuildTest {

    @TempDir
    static Path dir;

    static Foxbox foxbox;

    @BeforeAll
    static void image() throws Exception {
        foxbox = new Foxbox(dir.resolve("root"));
        TestBoxImage.importInto(foxbox, dir);
    }

    /** Layers and unpacked roots belong to the boxes' users: only foxbox can remove them. */
    @AfterAll
    static void clean() throws Exception {
        for (String line : foxbox.run("images", "-q").ok().out().split("\n")) {
            if (!line.isBlank()) {
                foxbox.run("rmi", "-f", line.strip());
            }
        }
        foxbox.run("system", "prune", "-f").ok();
    }

    // ---- layers ----------------------------------------------------------------------------------

    @Test
    void aRunStepsLayerHoldsExactlyItsChangesWithWhiteoutsAndOpaqueDirectories() throws Exception {
        Path context = context("run-layer");
        build(context, """
                FROM probe
                RUN touch /tmp/new && chown 1000:1000 /tmp/new && chmod 4711 /tmp/new \\
                    && rm /bin/not-executable \\
                    && rm -rf /home/fox && mkdir /home/fox && echo again > /home/fox/again \\
                    && ln -s /tmp/new /var/link && mkdir -m 700 /var/empty
                """, "-t", "run-layer").ok();
        List<List<String>> layers = newLayers("run-layer");
        assertEquals(1, layers.size());
        // The mount points the box needed (/etc/hosts, /etc/hostname, /etc/resolv.conf) are not in the layer.
        assertEquals(List.of(
                "bin/ dir 755 0:0",
                "bin/.wh.not-executable file 644 0:0",
                "home/ dir 755 0:0",
                "home/fox/ dir 755 0:0",
                "home/fox/.wh..wh..opq file 644 0:0",
                "home/fox/again file 644 0:0 again\n",
                "tmp/ dir 1777 0:0",
                "tmp/new file 4711 1000:1000 ",
                "var/ dir 755 0:0",
                "var/empty/ dir 700 0:0",
                "var/link link 777 0:0 -> /tmp/new"), sorted(layers.get(0)));
    }

    @Test
    void copyLayersKeepModesLeaveOutIgnoredFilesAndApplyChownAndChmod() throws Exception {
        Path context = context("copy-layer");
        write(context.resolve("conf/app.conf"), "port=80\n", "rw-r--r--");
        write(context.resolve("conf/secret"), "s3cret\n", "rw-------");
        write(context.resolve("conf/skip.tmp"), "left out\n", "rw-r--r--");
        Files.createSymbolicLink(context.resolve("conf/current"), Path.of("app.conf"));
        write(context.resolve("bin/tool"), "#!/bin/sh\necho tool\n", "rwxr-xr-x");
        Files.writeString(context.resolve(".foxignore"), "**/*.tmp\n");
        build(context, """
                FROM probe
                COPY conf/ /etc/app/
                COPY --chown=fox:wheel --chmod=750 bin/tool /opt/bin/
                """, "-t", "copy-layer").ok();
        List<List<String>> layers = newLayers("copy-layer");
        assertEquals(2, layers.size());
        assertEquals(List.of(
                "etc/ dir 755 0:0",
                "etc/app/ dir 755 0:0",
                "etc/app/app.conf file 644 0:0 port=80\n",
                "etc/app/current link 777 0:0 -> app.conf",
                "etc/app/secret file 600 0:0 s3cret\n"), sorted(layers.get(0)));
        assertEquals(List.of(
                "opt/ dir 755 1000:10",
                "opt/bin/ dir 755 1000:10",
                "opt/bin/tool file 750 1000:10 #!/bin/sh\necho tool\n"), sorted(layers.get(1)));
        String out = foxbox.runProcess("run", "--rm", "copy-layer", "/opt/bin/tool").ok().out();
        assertEquals("tool\n", out);
    }

    // ---- cache -----------------------------------------------------------------------------------

    @Test
    void theCacheHitsOnUnchangedStepsAndMissesFromTheFirstChangeOn() throws Exception {
        Path context = context("cache");
        Path data = write(context.resolve("data.txt"), "one\n", "rw-r--r--");
        String foxfile = """
                FROM probe
                ARG V=1
                COPY data.txt /data.txt
                RUN echo "$V" > /v.txt
                RUN cat /data.txt > /copy.txt
                """;
        String copy = "COPY data.txt /data.txt";
        String echo = "RUN echo \"$V\" > /v.txt";
        String cat = "RUN cat /data.txt > /copy.txt";

        Map<String, Boolean> first = cached(build(context, foxfile, "-t", "cache").ok());
        assertEquals(Map.of(copy, false, echo, false, cat, false), layerSteps(first));
        String id = imageId("cache");

        Map<String, Boolean> again = cached(build(context, foxfile, "-t", "cache").ok());
        assertEquals(Map.of(copy, true, echo, true, cat, true), layerSteps(again));
        assertEquals(id, imageId("cache"), "a build entirely from the cache gives the same image");

        Files.setLastModifiedTime(data, FileTime.from(Instant.now().plusSeconds(3600)));
        assertEquals(Map.of(copy, true, echo, true, cat, true), layerSteps(cached(build(context, foxfile, "-t", "cache").ok())),
                "a new modification time alone is no change");

        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(Map.of(copy, false, echo, false, cat, false), layerSteps(cached(build(context, foxfile, "-t", "cache").ok())),
                "a new mode is a change, and the steps after it run again");
        assertEquals(Map.of(copy, true, echo, true, cat, true), layerSteps(cached(build(context, foxfile, "-t", "cache").ok())));

        assertEquals(Map.of(copy, true, echo, false, cat, false),
                layerSteps(cached(build(context, foxfile, "-t", "cache", "--build-arg", "V=2").ok())),
                "an ARG's value is part of the RUN steps that see it");
        assertEquals("2\n", foxbox.runProcess("run", "--rm", "cache", "cat", "/v.txt").ok().out());

        Files.writeString(data, "two\n");
        assertEquals(Map.of(copy, false, echo, false, cat, false), layerSteps(cached(build(context, foxfile, "-t", "cache").ok())));
        assertEquals("two\n", foxbox.runProcess("run", "--rm", "cache", "cat", "/copy.txt").ok().out());

        assertEquals(Map.of(copy, false, echo, false, cat, false),
                layerSteps(cached(build(context, foxfile, "-t", "cache", "--no-cache").ok())));
    }

    // ---- stages, arguments, heredocs, ADD ----------------------------------------------------------

    @Test
    void onlyTheStagesTheTargetNeedsAreBuiltAndCopyFromTakesANameOrAnIndex() throws Exception {
        Path context = context("stages");
        String foxfile = """
                FROM probe AS base
                RUN echo base > /base.txt
                FROM base AS builder
                RUN echo built > /artifact
                FROM probe AS broken
                RUN exit 9
                FROM probe
                COPY --from=builder /artifact /from-builder
                COPY --from=0 /base.txt /from-index
                CMD ["cat", "/from-builder", "/from-index"]
                """;
        Foxbox.Result all = build(context, foxfile, "-t", "stages").ok();
        assertFalse(all.out().contains("exit 9"), "the broken stage is not needed: " + all.out());
        assertTrue(all.out().contains("STEP 1/8: FROM probe AS base"), all.out());
        assertEquals("built\nbase\n", foxbox.runProcess("run", "--rm", "stages").ok().out());

        Foxbox.Result target = build(context, foxfile, "-t", "stages-builder", "--target", "builder").ok();
        assertTrue(target.out().contains("STEP 4/4: RUN echo built > /artifact"), target.out());
        assertFalse(target.out().contains("COPY"), target.out());
        assertEquals("built\n", foxbox.runProcess("run", "--rm", "stages-builder", "cat", "/artifact").ok().out());

        Foxbox.Result broken = build(context, foxfile, "--target", "broken");
        assertEquals(1, broken.exitCode(), broken.err());
        assertTrue(broken.err().contains("Foxfile:6:1: STEP 2/2: RUN exit 9: exit code 9"), broken.err());
    }

    @Test
    void buildArgumentsHeredocsAndAddOfATarArchive() throws Exception {
        Path context = context("args");
        try (OutputStream file = Files.newOutputStream(context.resolve("archive.tar.gz"));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(file))) {
            TarArchiveEntry d = new TarArchiveEntry("payload/");
            d.setMode(040755);
            tar.putArchiveEntry(d);
            tar.closeArchiveEntry();
            byte[] content = "from the archive\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry f = new TarArchiveEntry("payload/x.txt");
            f.setMode(0100640);
            f.setIds(1000, 1000);
            f.setSize(content.length);
            tar.putArchiveEntry(f);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        write(context.resolve("plain.txt"), "not an archive\n", "rw-r--r--");
        Foxbox.Result r = build(context, """
                ARG BASE=probe
                FROM ${BASE}
                ARG WHO=world
                ENV GREETING="hello ${WHO}"
                RUN <<EOF
                echo "$GREETING" > /greeting
                EOF
                RUN <<EOF
                #!/bin/sh
                echo "interpreted by $0" > /interpreted
                EOF
                COPY <<EOF /etc/motd
                motd for ${WHO}
                EOF
                ADD archive.tar.gz /opt/
                ADD plain.txt /opt/
                """, "-t", "args", "--build-arg", "WHO=fox", "--build-arg", "UNUSED=1").ok();
        assertTrue(r.err().contains("UNUSED"), "a --build-arg no ARG declares is reported: " + r.err());
        String out = foxbox.runProcess("run", "--rm", "args", "sh", "-c",
                "cat /greeting /interpreted /etc/motd /opt/payload/x.txt /opt/plain.txt; stat -c '%a %u:%g' /opt/payload/x.txt; echo $GREETING").ok().out();
        assertEquals("""
                hello fox
                interpreted by /dev/.foxbox-heredoc
                motd for fox
                from the archive
                not an archive
                640 1000:1000
                hello fox
                """, out);
    }

    // ---- the image ------------------------------------------------------------------------------

    @Test
    void theImageRunsWithItsConfigAndOnbuildTriggersRunInTheImagesBuiltFromIt() throws Exception {
        Path context = context("config");
        build(context, """
                FROM probe
                LABEL org.example.team=foxes
                ENV MODE=prod
                WORKDIR /srv/app
                RUN echo "$MODE" > mode && chown fox /srv/app
                USER fox
                EXPOSE 8080 53/udp
                VOLUME /data
                STOPSIGNAL SIGINT
                ONBUILD RUN touch /srv/app/triggered
                ENTRYPOINT ["sh", "-c", "echo $(id -u) $(pwd) $(cat mode) \\"$0\\""]
                CMD ["default"]
                """, "-t", "configured", "--label", "extra=1").ok();
        StoredImage image = images().get("configured");
        ContainerConfig c = image.config().config();
        assertEquals("fox", c.user());
        assertEquals("/srv/app", c.workingDir());
        assertEquals(Map.of("org.example.team", "foxes", "extra", "1"), c.labels());
        assertEquals(List.of("53/udp", "8080/tcp"), List.copyOf(c.exposedPorts()));
        assertEquals(List.of("/data"), List.copyOf(c.volumes()));
        assertEquals("SIGINT", c.stopSignal());
        assertEquals(List.of("RUN touch /srv/app/triggered"), c.onBuild());
        assertTrue(c.env().contains("MODE=prod"), c.env().toString());
        assertEquals(2, image.config().rootfs().diffIds().size(), "the base layer and the RUN");
        long emptyLayers = image.config().history().stream().filter(ImageConfig.History::emptyLayer).count();
        assertEquals(10, emptyLayers, "LABEL ENV WORKDIR USER EXPOSE VOLUME STOPSIGNAL ONBUILD ENTRYPOINT CMD");
        assertEquals("1000 /srv/app prod default\n", foxbox.runProcess("run", "--rm", "configured").ok().out());
        assertEquals("1000 /srv/app prod other\n", foxbox.runProcess("run", "--rm", "configured", "other").ok().out());

        Path child = context("child");
        Foxbox.Result r = build(child, "FROM configured\nRUN ls /srv/app/triggered\n", "-t", "child").ok();
        assertTrue(r.out().contains("ONBUILD RUN touch /srv/app/triggered"), r.out());
        assertEquals(List.of(), images().get("child").config().config().onBuild(), "triggers run once, in the child");
    }

    @Test
    void fromPullsAnImageTheStoreLacks() throws Exception {
        HostTools.require("skopeo");
        try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"))) {
            registry.push(foxbox.root().resolve("store"), "docker.io/library/probe:latest", "base/probe:1");
            Foxbox fresh = new Foxbox(dir.resolve("pull-root"));
            Path context = context("pull");
            Files.writeString(context.resolve("Foxfile"), "FROM " + registry.host() + "/base/probe:1\nRUN echo pulled > /pulled\n");
            Foxbox.Result r = fresh.run("build", "-t", "pulled", context.toString()).ok();
            assertTrue(r.err().contains("Unable to find image '" + registry.host() + "/base/probe:1' locally"), r.err());
            assertEquals("pulled\n", fresh.runProcess("run", "--rm", "pulled", "cat", "/pulled").ok().out());
            Foxbox.Result again = fresh.run("build", "--pull", "-t", "pulled", context.toString()).ok();
            assertTrue(again.out().contains("RUN echo pulled > /pulled\n--> CACHED"), "the same base pulled again: " + again.out());
            fresh.run("rmi", "pulled", registry.host() + "/base/probe:1").ok();
            fresh.run("system", "prune", "-f").ok();
        }
    }

    // ---- errors ---------------------------------------------------------------------------------

    @Test
    void errorsSayWhereInTheFoxfileAndExitNonZero() throws Exception {
        Path context = context("errors");
        Foxbox.Result failedRun = build(context, "FROM probe\nENV A=1\nRUN echo to-out; echo to-err >&2; exit 4\n");
        assertEquals(1, failedRun.exitCode());
        assertTrue(failedRun.out().contains("to-out") && failedRun.out().contains("to-err"), "RUN output is streamed");
        assertTrue(failedRun.err().contains("foxbox: Foxfile:3:1: STEP 3/3: RUN echo to-out; echo to-err >&2; exit 4: exit code 4"),
                failedRun.err());

        Foxbox.Result missing = build(context, "FROM probe\n\n  COPY nothing-here /x\n");
        assertEquals(125, missing.exitCode());
        assertEquals(List.of("foxbox: Foxfile:3:3: COPY: \"nothing-here\" not found in the build context " + context.toRealPath(),
                "  COPY nothing-here /x", "  ^"), missing.err().lines().toList());

        Foxbox.Result unknown = build(context, "FROM probe\nRUNN true\n");
        assertEquals(125, unknown.exitCode());
        assertTrue(unknown.err().startsWith("foxbox: Foxfile:2:1: unknown instruction: RUNN"), unknown.err());

        Foxbox.Result outside = build(context, "FROM probe\nCOPY ../../etc/passwd /x\n");
        assertEquals(125, outside.exitCode());
        assertTrue(outside.err().contains("Foxfile:2:1: COPY: \"../../etc/passwd\" is outside the build context"), outside.err());

        try (OutputStream file = Files.newOutputStream(context.resolve("evil.tar"));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
            byte[] content = "escaped\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry("x");
            e.setSize(content.length);
            // commons-compress refuses to write "../" names itself; the entry is renamed on the way out
            tar.putArchiveEntry(e);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        byte[] evil = Files.readAllBytes(context.resolve("evil.tar"));
        byte[] name = "../../../../../../tmp/foxbox-escaped".getBytes(StandardCharsets.US_ASCII);
        java.util.Arrays.fill(evil, 0, 100, (byte) 0);
        System.arraycopy(name, 0, evil, 0, name.length);
        fixChecksum(evil);
        Files.write(context.resolve("evil.tar"), evil);
        Foxbox.Result hostile = build(context, "FROM probe\nADD evil.tar /t/\n");
        assertEquals(1, hostile.exitCode(), hostile.err());
        assertTrue(hostile.err().contains("Foxfile:2:1: STEP 2/2: ADD evil.tar /t/: ") && hostile.err().contains("escapes"),
                hostile.err());
        assertFalse(Files.exists(Path.of("/tmp/foxbox-escaped")));

        Foxbox.Result target = build(context, "FROM probe AS one\n", "--target", "two");
        assertEquals(125, target.exitCode());
        assertTrue(target.err().contains("target stage 'two' not found in Foxfile"), target.err());
    }

    @Test
    void systemPruneClearsTheBuildCache() throws Exception {
        // a data root of its own: the other tests' builds stay cached
        Foxbox own = new Foxbox(dir.resolve("prune-root"));
        TestBoxImage.importInto(own, Files.createDirectories(dir.resolve("prune-work")));
        Path context = context("prune");
        Files.writeString(context.resolve("Foxfile"), "FROM probe\nRUN echo kept > /kept\n");
        own.run("build", "-q", context.toString()).ok();
        assertTrue(Files.isDirectory(own.root().resolve("cache/build/layers")));
        assertEquals(Map.of("RUN echo kept > /kept", true), layerSteps(cached(own.run("build", context.toString()).ok())));

        String pruned = own.run("system", "prune", "-f").ok().out();
        assertTrue(pruned.contains("cleared the build cache"), pruned);
        assertFalse(Files.exists(own.root().resolve("cache/build")));
        assertEquals(Map.of("RUN echo kept > /kept", false), layerSteps(cached(own.run("build", context.toString()).ok())));

        for (String line : own.run("images", "-q").ok().out().split("\n")) {
            if (!line.isBlank()) {
                own.run("rmi", "-f", line.strip());
            }
        }
        own.run("system", "prune", "-f").ok();
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static Path context(String name) throws IOException {
        return Files.createDirectories(dir.resolve("contexts").resolve(name));
    }

    private static Path write(Path file, String content, String mode) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private static Foxbox.Result build(Path context, String foxfile, String... options) throws IOException {
        Files.writeString(context.resolve("Foxfile"), foxfile);
        List<String> args = new ArrayList<>(List.of("build"));
        args.addAll(List.of(options));
        args.add(context.toString());
        return foxbox.run(args.toArray(String[]::new));
    }

    private static LocalImages images() throws IOException {
        return LocalImages.open(new DataRoot(foxbox.root()));
    }

    private static String imageId(String name) throws IOException {
        return images().get(name).id().toString();
    }

    /** Each step's text, and whether it came from the cache. */
    private static Map<String, Boolean> cached(Foxbox.Result r) {
        Map<String, Boolean> steps = new LinkedHashMap<>();
        String step = null;
        for (String line : r.out().split("\n")) {
            if (line.startsWith("STEP ")) {
                step = line.substring(line.indexOf(": ") + 2);
            } else if (step != null && line.startsWith("--> ")) {
                steps.put(step, line.equals("--> CACHED"));
                step = null;
            }
        }
        return steps;
    }

    private static Map<String, Boolean> layerSteps(Map<String, Boolean> steps) {
        Map<String, Boolean> layers = new LinkedHashMap<>(steps);
        layers.keySet().removeIf(s -> !(s.startsWith("RUN") || s.startsWith("COPY")));
        return layers;
    }

    /** The layers the build added on top of the probe image, each as "name type mode uid:gid [content]" lines. */
    private static List<List<String>> newLayers(String image) throws IOException {
        LocalImages images = images();
        StoredImage built = images.get(image);
        int base = images.get("probe").manifest().layers().size();
        List<List<String>> layers = new ArrayList<>();
        List<Descriptor> all = built.manifest().layers();
        for (Descriptor layer : all.subList(base, all.size())) {
            List<String> entries = new ArrayList<>();
            try (InputStream in = images.store().blobs().open(layer.digest());
                 TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
                for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                    String type = e.isDirectory() ? "dir" : e.isSymbolicLink() ? "link" : e.isFile() ? "file" : "other";
                    String line = e.getName() + " " + type + " " + Integer.toOctalString(e.getMode() & 07777) + " "
                            + e.getLongUserId() + ":" + e.getLongGroupId();
                    if (e.isSymbolicLink()) {
                        line += " -> " + e.getLinkName();
                    } else if (e.isFile() && !e.getName().contains(".wh.")) {
                        line += " " + new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                    }
                    entries.add(line);
                }
            }
            layers.add(entries);
        }
        return layers;
    }

    private static List<String> sorted(List<String> entries) {
        List<String> s = new ArrayList<>(entries);
        s.sort(null);
        return s;
    }

    /** Recomputes a tar header's checksum after its name was edited. */
    private static void fixChecksum(byte[] header) {
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += header[i] & 0xff;
        }
        byte[] octal = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(octal, 0, header, 148, 8);
    }
}
