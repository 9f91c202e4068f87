package dev.foxbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.image.DataRoot;
import dev.foxbox.image.LocalImages;
import dev.foxbox.image.json.ConfigJson;
import dev.foxbox.image.json.OciJson;
import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.ImageConfig;
import dev.foxbox.image.model.ImageManifest;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.model.MediaType;
import dev.foxbox.image.store.StoredImage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 5: detached boxes, logs, ps, exec, top, stop, kill, rm, inspect, wait, rename, prune. */
class LifecycleTest {

    @TempDir
    static Path dir;

    static Foxbox foxbox;

    @BeforeAll
    static void image() throws Exception {
        foxbox = new Foxbox(dir.resolve("root"));
        TestBoxImage.importInto(foxbox, dir);
        withStopSignal("probe", "SIGUSR1", "probe-usr1");
    }

    @AfterAll
    static void clean() {
        if (foxbox != null) {
            foxbox.run("rm", "-f", "--", "placeholder");
            Foxbox.Result ps = foxbox.run("ps", "-aq", "--no-trunc");
            for (String id : ps.out().split("\n")) {
                if (!id.isBlank()) {
                    foxbox.run("rm", "-f", id.strip());
                }
            }
            foxbox.run("rmi", "-f", "probe", "probe-usr1");
        }
    }

    /** A copy of an image whose config says STOPSIGNAL signal. */
    static void withStopSignal(String from, String signal, String to) throws Exception {
        LocalImages images = LocalImages.open(new DataRoot(foxbox.root()));
        StoredImage image = images.get(from);
        ImageConfig config = image.config().withConfig(image.config().config().withStopSignal(signal));
        byte[] configBytes = ConfigJson.write(config);
        Descriptor configDescriptor = new Descriptor(MediaType.OCI_CONFIG, images.store().blobs().put(configBytes), configBytes.length);
        byte[] manifest = OciJson.write(new ImageManifest(configDescriptor, image.manifest().layers()));
        Descriptor manifestDescriptor = new Descriptor(MediaType.OCI_MANIFEST, images.store().blobs().put(manifest), manifest.length);
        images.store().tag(manifestDescriptor, ImageReference.parse(to));
    }

    static String runDetached(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("run", "-d"));
        all.addAll(List.of(args));
        Foxbox.Result r = foxbox.runProcess(all.toArray(String[]::new)).ok();
        String id = r.out().strip();
        assertTrue(id.matches("[0-9a-f]{64}"), "run -d prints the box id: " + r.out() + r.err());
        return id;
    }

    @Test
    void logsFollowSeesLinesAsTheyArePrinted() throws Exception {
        runDetached("--name", "ticker", "probe", "sh", "-c", "for i in 1 2 3 4 5 6; do echo line $i; echo oops $i >&2; sleep 0.4; done");
        Process logs = foxbox.process("logs", "-f", "ticker").start();
        logs.getOutputStream().close();
        List<String> seen = new ArrayList<>();
        List<Instant> when = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(logs.getInputStream()))) {
            for (String line; (line = out.readLine()) != null; ) {
                seen.add(line);
                when.add(Instant.now());
            }
        }
        assertTrue(logs.waitFor(30, TimeUnit.SECONDS));
        assertEquals(List.of("line 1", "line 2", "line 3", "line 4", "line 5", "line 6"), seen);
        assertTrue(Duration.between(when.get(0), when.get(5)).toMillis() > 800,
                "lines came all at once, not as they were printed: " + when);
        // --tail counts the lines of both streams together, as docker does.
        Foxbox.Result last = foxbox.runProcess("logs", "--tail", "4", "-t", "ticker").ok();
        assertEquals(2, last.out().lines().count(), last.out());
        assertTrue(last.out().lines().allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT.*Z line [56]")), last.out());
        assertEquals("oops 5\noops 6\n", foxbox.runProcess("logs", "--tail", "4", "ticker").ok().err());
        assertEquals(6, foxbox.runProcess("logs", "ticker").ok().err().lines().count());
        foxbox.run("rm", "ticker").ok();
    }

    @Test
    void attachedBoxesAreLoggedToo() throws Exception {
        foxbox.runProcess("run", "--name", "attached", "probe", "sh", "-c", "echo to stdout; echo to stderr >&2").ok();
        Foxbox.Result logs = foxbox.runProcess("logs", "attached").ok();
        assertEquals("to stdout\n", logs.out());
        assertEquals("to stderr\n", logs.err());
        foxbox.run("rm", "attached").ok();
    }

    @Test
    void stopHonoursTheStopSignalAndTheTimeout() throws Exception {
        runDetached("--name", "polite", "probe-usr1", "sh", "-c", "trap 'exit 3' USR1; while :; do sleep 0.1; done");
        Instant start = Instant.now();
        foxbox.runProcess("stop", "-t", "20", "polite").ok();
        assertTrue(Duration.between(start, Instant.now()).toSeconds() < 10, "the stop signal did not stop it");
        assertEquals("3\n", foxbox.runProcess("wait", "polite").ok().out());

        runDetached("--name", "stubborn", "probe", "sh", "-c", "trap '' TERM; while :; do sleep 0.1; done");
        start = Instant.now();
        foxbox.runProcess("stop", "-t", "1", "stubborn").ok();
        long took = Duration.between(start, Instant.now()).toMillis();
        assertTrue(took >= 1000, "SIGKILL came before the timeout: " + took);
        assertTrue(foxbox.runProcess("ps", "-a").ok().out().contains("Exited (137)"));
        foxbox.run("rm", "polite", "stubborn").ok();
    }

    @Test
    void exitCodesInPsAndInspect() throws Exception {
        foxbox.runProcess("run", "--name", "seven", "probe", "probe", "exit", "7");
        String ps = foxbox.runProcess("ps", "-a").ok().out();
        assertTrue(ps.lines().anyMatch(l -> l.contains("Exited (7)") && l.endsWith("seven")), ps);
        assertFalse(foxbox.runProcess("ps").ok().out().contains("seven"), "ps without -a shows only running boxes");
        String inspect = foxbox.runProcess("inspect", "seven").ok().out();
        assertTrue(inspect.contains("\"ExitCode\" : 7") && inspect.contains("\"Status\" : \"exited\""), inspect);
        assertTrue(foxbox.runProcess("ps", "-a", "--format", "json").ok().out().contains("\"Names\" : \"seven\""));
        foxbox.run("rm", "seven").ok();
    }

    @Test
    void execJoinsTheBoxAndTopSeesItsProcesses() throws Exception {
        runDetached("--name", "host-of-exec", "probe", "sh", "-c", "mkdir -p /marker && sleep 60");
        waitFor(() -> foxbox.runProcess("exec", "host-of-exec", "ls", "/marker").exitCode() == 0);
        Foxbox.Result r = foxbox.runProcess("exec", "host-of-exec", "sh", "-c", "hostname; ls -d /marker; ps -o pid,comm").ok();
        String[] lines = r.out().split("\n");
        assertEquals("host-of-exec", lines[0]);
        assertEquals("/marker", lines[1]);
        assertTrue(r.out().contains("\n    1 "), "exec does not see the box's pid 1: " + r.out());
        runDetachedExec("host-of-exec", "sleep", "30");
        waitFor(() -> foxbox.runProcess("top", "host-of-exec").ok().out().contains("sleep 30"));
        String top = foxbox.runProcess("top", "host-of-exec").ok().out();
        assertTrue(top.startsWith("PID") && top.contains("sleep 60") && top.contains("sleep 30"), top);
        assertEquals(42, foxbox.runProcess("exec", "host-of-exec", "sh", "-c", "exit 42").exitCode());
        assertEquals(42, foxbox.result(foxbox.jvmOnly("exec", "host-of-exec", "sh", "-c", "exit 42"), new byte[0]).exitCode());
        Foxbox.Result capsInExec = foxbox.runProcess("exec", "host-of-exec", "probe").ok();
        assertTrue(capsInExec.out().contains("CapEff=00000000800405fb") && capsInExec.out().contains("Seccomp=2"), capsInExec.out());
        // Each exec's plan and error files went with it (the helper removes them for a handed-over one).
        try (var files = Files.list(foxbox.root().resolve("boxes/by-name/host-of-exec").toRealPath())) {
            assertEquals(List.of(), files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("exec-") && (n.endsWith(".plan") || n.endsWith(".error"))).toList());
        }
        foxbox.runProcess("rm", "-f", "host-of-exec").ok();
    }

    private static void runDetachedExec(String box, String... command) throws Exception {
        List<String> all = new ArrayList<>(List.of("exec", "-d", box));
        all.addAll(List.of(command));
        foxbox.runProcess(all.toArray(String[]::new)).ok();
    }

    @Test
    void twentyConcurrentDetachedRunsAllStartWithUniqueNames() throws Exception {
        List<Process> runs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Process p = foxbox.process("run", "-d", "--rm", "probe", "sleep", "30").start();
            p.getOutputStream().close();
            runs.add(p);
        }
        Set<String> ids = new HashSet<>();
        for (Process p : runs) {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            String err = new String(p.getErrorStream().readAllBytes());
            assertEquals(0, p.exitValue(), err);
            ids.add(new String(p.getInputStream().readAllBytes()).strip());
        }
        assertEquals(20, ids.size());
        Set<String> names = new HashSet<>();
        for (String id : ids) {
            String inspect = foxbox.runProcess("inspect", id).ok().out();
            assertTrue(inspect.contains("\"Running\" : true"), inspect);
            names.add(inspect.replaceAll("(?s).*\"Name\" : \"([^\"]+)\".*", "$1"));
        }
        assertEquals(20, names.size(), names.toString());
        for (String id : ids) {
            foxbox.runProcess("rm", "-f", id).ok();
        }
    }

    @Test
    void killingTheMonitorLeavesAConsistentState() throws Exception {
        String id = runDetached("--name", "orphaned", "probe", "sleep", "60");
        String inspect = foxbox.runProcess("inspect", "orphaned").ok().out();
        long monitor = Long.parseLong(inspect.replaceAll("(?s).*\"MonitorPid\" : (\\d+).*", "$1"));
        ProcessHandle.of(monitor).orElseThrow().destroyForcibly();
        waitFor(() -> foxbox.runProcess("ps", "-a").ok().out().contains("Exited (unknown)"));
        assertFalse(foxbox.runProcess("ps").ok().out().contains("orphaned"));
        assertEquals("-1\n", foxbox.runProcess("wait", "orphaned").ok().out());
        foxbox.run("rm", id).ok();
        assertFalse(Files.exists(foxbox.root().resolve("boxes").resolve(id)));
    }

    @Test
    void rmForceKillsARunningBoxAndRemovesItsFiles() throws Exception {
        String id = runDetached("--name", "doomed", "probe", "sh", "-c", "mkdir -p /data && chown 1000:1000 /data && sleep 60");
        Foxbox.Result refused = foxbox.run("rm", "doomed");
        assertEquals(125, refused.exitCode());
        assertTrue(refused.err().contains("is running"), refused.err());
        foxbox.run("rm", "-f", "doomed").ok();
        assertFalse(Files.exists(foxbox.root().resolve("boxes").resolve(id)));
        assertFalse(Files.exists(foxbox.root().resolve("boxes/by-name/doomed")));
    }

    @Test
    void createStartWaitRenameAndPrune() throws Exception {
        String id = foxbox.runProcess("create", "--name", "later", "probe", "sh", "-c", "echo started; exit 5").ok().out().strip();
        assertTrue(foxbox.runProcess("ps", "-a").ok().out().lines().anyMatch(l -> l.contains("Created") && l.endsWith("later")));
        Foxbox.Result attached = foxbox.runProcess("start", "-a", "later");
        assertEquals(5, attached.exitCode());
        assertEquals("started\n", attached.out());
        foxbox.runProcess("start", "later").ok();
        assertEquals("5\n", foxbox.runProcess("wait", "later").ok().out());
        assertEquals("started\nstarted\n", foxbox.runProcess("logs", "later").ok().out());
        foxbox.run("rename", "later", "sooner").ok();
        assertTrue(foxbox.runProcess("inspect", "sooner").ok().out().contains(id));
        assertEquals(125, foxbox.run("inspect", "--type", "box", "later").exitCode());
        foxbox.runProcess("run", "--name", "also-done", "probe", "true").ok();
        String pruned = foxbox.runProcess("container", "prune", "-f").ok().out();
        assertTrue(pruned.contains(id), pruned);
        String left = foxbox.runProcess("ps", "-a").ok().out();
        assertFalse(left.contains("sooner") || left.contains("also-done"), left);
    }

    @Test
    void detachedRmBoxesRemoveThemselves() throws Exception {
        String id = runDetached("--rm", "probe", "true");
        waitFor(() -> !Files.exists(foxbox.root().resolve("boxes").resolve(id)));
    }

    interface Check {
        boolean holds() throws Exception;
    }

    static void waitFor(Check check) throws Exception {
        for (int i = 0; i < 150; i++) {
            if (check.holds()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting");
    }
}
