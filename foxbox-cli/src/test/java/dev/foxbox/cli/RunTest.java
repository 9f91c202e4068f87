package dev.foxbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4 on the real kernel: boxes run as whoever runs the tests (an unprivileged user in CI),
 * and the static probe inside reports what it finds.
 */
class RunTest {

    /** podman's 11 default capabilities: CHOWN DAC_OVERRIDE FOWNER FSETID KILL SETGID SETUID SETPCAP NET_BIND_SERVICE SYS_CHROOT SETFCAP. */
    static final String DEFAULT_CAPS = "00000000800405fb";

    @TempDir
    static Path dir;

    static Foxbox foxbox;

    @BeforeAll
    static void image() throws Exception {
        foxbox = new Foxbox(dir.resolve("root"));
        TestBoxImage.importInto(foxbox, dir);
    }

    /** Files of the unpacked image belong to the box's users: only foxbox can remove them. */
    @org.junit.jupiter.api.AfterAll
    static void removeImage() throws Exception {
        foxbox.run("rmi", "probe").ok();
    }

    /** Runs the probe (or another command) in a --rm box and returns its report. */
    static Map<String, List<String>> probe(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "--rm"));
        args.addAll(List.of(options));
        if (!args.contains("probe")) {
            args.add("probe");
            args.add("probe");
        }
        Foxbox.Result r = foxbox.runProcess(args.toArray(String[]::new)).ok();
        Map<String, List<String>> facts = new LinkedHashMap<>();
        for (String line : r.out().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                facts.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(line.substring(eq + 1));
            }
        }
        return facts;
    }

    static String one(Map<String, List<String>> facts, String key) {
        List<String> v = facts.get(key);
        return v == null ? null : v.get(0);
    }

    @Test
    void theCommandIsRootOfItsOwnUserNamespaceAndPidOne() throws Exception {
        Map<String, List<String>> f = probe();
        assertEquals("0", one(f, "uid"));
        assertEquals("0", one(f, "gid"));
        assertEquals("1", one(f, "pid"));
        assertEquals("0", one(f, "ppid"));
        long me = HostTools.uid();
        String[] firstMap = one(f, "uid_map").trim().split("\\s+");
        assertEquals("0", firstMap[0]);
        assertEquals(Long.toString(me), firstMap[1], "box root is the user who ran foxbox: " + f.get("uid_map"));
        assertEquals("/", one(f, "cwd"));
        assertFalse(f.containsKey("open_fd"), "fds leaked into the box: " + f.get("open_fd"));
    }

    @Test
    void hostnameIsTheBoxNameOrTheOption() throws Exception {
        assertEquals("kit", one(probe("--name", "kit"), "hostname"));
        assertEquals("den", one(probe("--hostname", "den"), "hostname"));
    }

    @Test
    void capabilitiesArePodmansDefaults() throws Exception {
        Map<String, List<String>> f = probe();
        assertEquals(DEFAULT_CAPS, one(f, "CapEff"));
        assertEquals(DEFAULT_CAPS, one(f, "CapPrm"));
        assertEquals(DEFAULT_CAPS, one(f, "CapBnd"));
        assertEquals("0000000000000000", one(f, "CapInh"));
        assertEquals("0000000000000000", one(f, "CapAmb"));
        assertEquals("0", one(f, "NoNewPrivs"));
    }

    @Test
    void capAddDropPrivilegedAndNoNewPrivileges() throws Exception {
        assertEquals("0000000000000000", one(probe("--cap-drop", "ALL"), "CapEff"));
        assertEquals("0000000000000001", one(probe("--cap-drop", "ALL", "--cap-add", "CHOWN"), "CapEff"));
        long withAdmin = Long.parseLong(one(probe("--cap-add", "SYS_ADMIN"), "CapEff"), 16);
        assertEquals(Long.parseLong(DEFAULT_CAPS, 16) | (1L << 21), withAdmin);
        assertEquals("800405fa", one(probe("--cap-drop", "chown"), "CapEff").substring(8));
        String privileged = one(probe("--privileged"), "CapEff");
        assertTrue(Long.bitCount(Long.parseLong(privileged, 16)) >= 38, privileged);
        assertEquals("1", one(probe("--security-opt", "no-new-privileges"), "NoNewPrivs"));
    }

    @Test
    void seccompFiltersAsDockersDefaultProfile() throws Exception {
        Map<String, List<String>> f = probe();
        assertEquals("2", one(f, "Seccomp"));
        for (String call : List.of("mount", "unshare_user", "keyctl", "add_key", "bpf", "perf_event_open", "kexec_load")) {
            assertEquals("EPERM", one(f, "syscall." + call), call);
        }
        assertEquals("ok", one(f, "syscall.getpid"));
        assertEquals("0", one(probe("--security-opt", "seccomp=unconfined"), "Seccomp"));
        assertEquals("0", one(probe("--privileged"), "Seccomp"));
        Map<String, List<String>> strict = probe("--security-opt", "no-new-privileges");
        assertEquals("2", one(strict, "Seccomp"));
        assertEquals("EPERM", one(strict, "syscall.keyctl"));
    }

    @Test
    void aSeccompProfileFileIsHonoured() throws Exception {
        Path profile = dir.resolve("deny-getpid.json");
        Files.writeString(profile, "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"getpid\"],"
                + " \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 1}]}");
        Map<String, List<String>> f = probe("--security-opt", "seccomp=" + profile);
        assertEquals("EPERM", one(f, "syscall.getpid"));
        Foxbox.Result bad = foxbox.runProcess("run", "--rm", "--security-opt", "seccomp=" + dir.resolve("missing.json"), "probe", "true");
        assertEquals(125, bad.exitCode());
        assertTrue(bad.err().startsWith("foxbox: ") && bad.err().contains("missing.json"), bad.err());
    }

    @Test
    void aNonRootUserHasNoCapabilitiesAndItsGroups() throws Exception {
        Map<String, List<String>> f = probe("-u", "fox");
        assertEquals("1000", one(f, "uid"));
        assertEquals("1000", one(f, "gid"));
        assertEquals("10,29", one(f, "groups"));
        assertEquals("0000000000000000", one(f, "CapEff"));
        assertEquals("0000000000000000", one(f, "CapPrm"));
        assertEquals(DEFAULT_CAPS, one(f, "CapBnd"));
        Map<String, List<String>> numeric = probe("-u", "4242:4343");
        assertEquals("4242", one(numeric, "uid"));
        assertEquals("4343", one(numeric, "gid"));
    }

    @Test
    void kernelFileSystemsAreThereMaskedAndReadOnly() throws Exception {
        Map<String, List<String>> f = probe();
        assertEquals("no", one(f, "proc_sys_writable"));
        assertTrue(List.of("empty", "absent").contains(one(f, "proc_kcore")), one(f, "proc_kcore"));
        for (String d : List.of("null", "zero", "full", "random", "urandom", "tty")) {
            assertEquals("char", one(f, "dev." + d), d);
        }
        assertEquals("zeros", one(f, "dev.zero.reads"));
        assertEquals("ENOSPC", one(f, "dev.full.write"));
        assertEquals("symlink", one(f, "dev.ptmx"));
        assertEquals("dir", one(f, "dev.shm"));
        List<String> mountPoints = new ArrayList<>();
        for (String m : f.get("mount")) {
            mountPoints.add(m.split(" ")[4]);
        }
        for (String p : List.of("/", "/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys", "/etc/hosts",
                "/etc/hostname", "/etc/resolv.conf", "/proc/sys")) {
            assertTrue(mountPoints.contains(p), p + " is not mounted: " + mountPoints);
        }
        String dataRoot = foxbox.root().toString();
        for (String p : mountPoints) {
            assertTrue(!p.startsWith(dataRoot) && !p.startsWith("/tmp/") && !p.startsWith("/home"),
                    "a host path is mounted in the box: " + p);
        }
    }

    @Test
    void ownershipFromTheImageIsKept() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(HostTools.uid() == 0 || hasSubordinateIds(),
                "skipped: this user has no /etc/subuid range, so only root exists in boxes");
        Foxbox.Result r = foxbox.runProcess("run", "--rm", "probe", "stat", "-c", "%u:%g %a", "/home/fox/owned", "/home/fox").ok();
        assertEquals("1000:1000 640\n1000:1000 750\n", r.out());
        Foxbox.Result suid = foxbox.runProcess("run", "--rm", "probe", "stat", "-c", "%a", "/usr/bin/suid-probe").ok();
        assertEquals("4755\n", suid.out());
    }

    @Test
    void exitStatusesAndSignalsPassThrough() throws Exception {
        assertEquals(7, foxbox.runProcess("run", "--rm", "probe", "probe", "exit", "7").exitCode());
        assertEquals(0, foxbox.runProcess("run", "--rm", "probe", "true").exitCode());
        assertEquals(1, foxbox.runProcess("run", "--rm", "probe", "false").exitCode());
        // A signal a box's pid 1 sends itself is ignored by the kernel (it is init): --init makes the command pid 2.
        assertEquals(137, foxbox.runProcess("run", "--rm", "--init", "probe", "probe", "signal", "9").exitCode());
        assertEquals(143, foxbox.runProcess("run", "--rm", "--init", "probe", "probe", "signal", "15").exitCode());
    }

    @Test
    void signalsToFoxboxReachTheBox() throws Exception {
        signalsToFoxboxReachTheBox(foxbox.process("run", "--rm", "--init", "probe", "probe", "sleep", "60"));
    }

    @Test
    void signalsToAJvmThatStartedItsOwnHelperReachTheBox() throws Exception {
        signalsToFoxboxReachTheBox(foxbox.jvmOnly("run", "--rm", "--init", "probe", "probe", "sleep", "60"));
    }

    private static void signalsToFoxboxReachTheBox(ProcessBuilder run) throws Exception {
        Process p = run.start();
        p.getOutputStream().close();
        Thread.sleep(1500); // the box is up
        p.destroy(); // SIGTERM to foxbox, passed on to the helper, the init, the command
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "the box did not stop on SIGTERM");
        assertEquals(143, p.exitValue());
    }

    @Test
    void aRunLeavesNoJvmBehindWhileItsBoxRuns() throws Exception {
        Process p = foxbox.process("run", "--rm", "probe", "sleep", "3").start();
        p.getOutputStream().close();
        Thread.sleep(1500); // the box is up, and the JVM that planned it has exited
        List<String> commands = new ArrayList<>();
        p.descendants().forEach(d -> commands.add(d.info().command().orElse("?")));
        assertFalse(commands.isEmpty());
        assertTrue(commands.stream().noneMatch(c -> c.endsWith("/java")), "a JVM waits with the box: " + commands);
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
    }

    @Test
    void aBoxStartLinksNoLambda() throws Exception {
        // The first lambda a JVM links sets up java.lang.invoke, and the first non-capturing one has
        // it generate a class with ASM: 8 ms of a box start together (BENCHMARKS.md, "Run").
        foxbox.runProcess("run", "--rm", "probe", "true").ok(); // the image is unpacked before
        Path log = dir.resolve("box-start-classes.log");
        ProcessBuilder run = foxbox.process("run", "--rm", "probe", "true");
        List<String> command = new ArrayList<>(run.command());
        command.add(command.indexOf(Foxbox.javaBinary()) + 1, "-Xlog:class+load=info:file=" + log);
        foxbox.result(run.command(command), new byte[0]).ok();
        String classes = Files.readString(log);
        assertTrue(classes.contains("dev.foxbox.runtime.helper.Handover"), "not the log of a box start:\n" + classes);
        for (String setUp : List.of("java.lang.invoke.LambdaMetafactory", "java.lang.invoke.InnerClassLambdaMetafactory",
                "java.lang.ProcessHandleImpl")) {
            assertFalse(classes.contains(setUp + " "), "a box start loads " + setUp);
        }
    }

    @Test
    void anRmBoxIsRemovedWhenItEndsEvenIfFoxboxWasKilled() throws Exception {
        anRmBoxIsRemovedWhenItEndsEvenIfFoxboxWasKilled(foxbox.process("run", "--rm", "--name", "orphan", "probe", "sleep", "2"));
    }

    @Test
    void anRmBoxIsRemovedWhenItEndsEvenIfItsJvmWasKilled() throws Exception {
        anRmBoxIsRemovedWhenItEndsEvenIfFoxboxWasKilled(foxbox.jvmOnly("run", "--rm", "--name", "orphan", "probe", "sleep", "2"));
    }

    private static void anRmBoxIsRemovedWhenItEndsEvenIfFoxboxWasKilled(ProcessBuilder run) throws Exception {
        Process p = run.start();
        p.getOutputStream().close();
        Thread.sleep(1000); // the box is up
        p.destroyForcibly(); // SIGKILL: foxbox's process is gone; the box's monitor is not
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        Path boxes = foxbox.root().resolve("boxes");
        long deadline = System.nanoTime() + 20_000_000_000L;
        List<String> left;
        do {
            Thread.sleep(200);
            List<String> now = new ArrayList<>();
            try (var files = Files.list(boxes); var names = Files.list(boxes.resolve("by-name"))) {
                files.forEach(f -> now.add(f.getFileName().toString()));
                names.forEach(n -> now.add("by-name/" + n.getFileName()));
            }
            left = now;
        } while (!left.equals(List.of("by-name")) && System.nanoTime() < deadline);
        assertEquals(List.of("by-name"), left);
        foxbox.runProcess("run", "--rm", "--name", "orphan", "probe", "true").ok(); // the name is free again
    }

    @Test
    void commandsThatCannotRunGive126And127() throws Exception {
        Foxbox.Result missing = foxbox.runProcess("run", "--rm", "probe", "no-such-command");
        assertEquals(127, missing.exitCode());
        assertTrue(missing.err().contains("exec: \"no-such-command\": executable file not found in $PATH"), missing.err());
        Foxbox.Result notExecutable = foxbox.runProcess("run", "--rm", "probe", "/bin/not-executable");
        assertEquals(126, notExecutable.exitCode(), notExecutable.err());
        Foxbox.Result noImage = foxbox.runProcess("run", "--rm", "127.0.0.1:9/no-such-image", "true");
        assertEquals(125, noImage.exitCode());
        assertTrue(noImage.err().startsWith("Unable to find image '127.0.0.1:9/no-such-image' locally")
                && noImage.err().contains("foxbox: pull manifest 127.0.0.1:9/no-such-image:latest: cannot connect"), noImage.err());
    }

    @Test
    void aMissingImageIsPulledFirst() throws Exception {
        HostTools.require("docker-registry");
        HostTools.require("skopeo");
        try (dev.foxbox.registry.testing.LocalRegistry registry = dev.foxbox.registry.testing.LocalRegistry.start(dir.resolve("registry"))) {
            registry.push(foxbox.root().resolve("store"), "docker.io/library/probe:latest", "boxes/probe:1");
            Foxbox other = new Foxbox(dir.resolve("other-root"));
            Foxbox.Result r = other.runProcess("run", "--rm", registry.host() + "/boxes/probe:1", "probe", "exit", "5");
            assertEquals(5, r.exitCode(), r.err());
            assertTrue(r.err().contains("Unable to find image"), r.err());
            assertTrue(other.run("images").ok().out().contains(registry.host() + "/boxes/probe"));
            other.run("rmi", registry.host() + "/boxes/probe:1").ok();
        }
    }

    @Test
    void stdinReachesTheBoxOnlyWithDashI() throws Exception {
        byte[] input = "hello through stdin\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("hello through stdin\n", foxbox.runProcessWithInput(input, "run", "--rm", "-i", "probe", "probe", "stdin").out());
        assertEquals("", foxbox.runProcessWithInput(input, "run", "--rm", "probe", "probe", "stdin").out());
    }

    @Test
    void environmentWorkdirAndEntrypoint() throws Exception {
        Foxbox.Result r = foxbox.runProcess("run", "--rm", "-e", "GREETING=hi fox", "-w", "/tmp/work", "probe",
                "sh", "-c", "echo \"$GREETING\" $PWD $HOME $HOSTNAME; echo $PATH").ok();
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].startsWith("hi fox /tmp/work /root "), lines[0]);
        assertEquals("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", lines[1]);
        assertEquals("entry x\n", foxbox.runProcess("run", "--rm", "--entrypoint", "echo", "probe", "entry", "x").ok().out());
    }

    @Test
    void hostProcessesAreNeitherVisibleNorSignalable() throws Exception {
        long me = ProcessHandle.current().pid();
        Foxbox.Result ps = foxbox.runProcess("run", "--rm", "probe", "ps", "-o", "pid,comm").ok();
        List<String> pids = ps.out().lines().skip(1).map(l -> l.trim().split("\\s+")[0]).toList();
        assertEquals(List.of("1"), pids, ps.out());
        Foxbox.Result kill = foxbox.runProcess("run", "--rm", "probe", "kill", "-0", Long.toString(me));
        assertTrue(kill.exitCode() != 0, "the box could signal a host process");
    }

    @Test
    void hostNetworkAndUlimits() throws Exception {
        Foxbox.Result host = foxbox.runProcess("run", "--rm", "--network", "host", "probe", "ls", "/sys/class/net").ok();
        Foxbox.Result none = foxbox.runProcess("run", "--rm", "--network", "none", "probe", "ls", "/sys/class/net").ok();
        assertEquals("lo\n", none.out(), "--network none: only loopback");
        assertTrue(host.out().lines().count() >= none.out().lines().count(), host.out());
        String hostName = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        assertEquals(hostName + "\n", foxbox.runProcess("run", "--rm", "--network", "host", "probe", "hostname").ok().out());
        assertEquals("512\n", foxbox.runProcess("run", "--rm", "--ulimit", "nofile=512:1024", "probe", "sh", "-c", "ulimit -n").ok().out());
        Foxbox.Result bad = foxbox.runProcess("run", "--rm", "--ulimit", "nofiles=1", "probe", "true");
        assertEquals(125, bad.exitCode());
        assertTrue(bad.err().contains("unknown ulimit 'nofiles'"), bad.err());
    }

    @Test
    void theBoxfsIsReachableFromTheHostWhileTheBoxRuns() throws Exception {
        Process p = foxbox.process("run", "--rm", "--init", "--name", "visible", "probe", "sh", "-c",
                "echo marker > /tmp/from-the-box; sleep 20").start();
        p.getOutputStream().close();
        try {
            Path link = foxbox.root().resolve("boxes/by-name/visible/boxfs/tmp/from-the-box");
            String seen = null;
            for (int i = 0; i < 100 && seen == null; i++) {
                Thread.sleep(100);
                if (Files.exists(link)) {
                    seen = Files.readString(link);
                }
            }
            assertEquals("marker\n", seen, "the box's files are not under boxes/<name>/boxfs");
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    @Test
    void readOnlyRootAndWritableBox() throws Exception {
        assertEquals(0, foxbox.runProcess("run", "--rm", "probe", "touch", "/new-file").exitCode());
        Foxbox.Result ro = foxbox.runProcess("run", "--rm", "--read-only", "probe", "touch", "/new-file");
        assertTrue(ro.exitCode() != 0 && ro.err().contains("Read-only file system"), ro.err());
    }

    @Test
    void anImageABoxUsesIsKeptUntilTheBoxIsRemoved() throws Exception {
        foxbox.runProcess("run", "--name", "keeper", "probe", "true").ok();
        Foxbox.Result refused = foxbox.run("rmi", "probe");
        assertEquals(125, refused.exitCode());
        assertTrue(refused.err().contains("in use by box keeper"), refused.err());
        foxbox.run("tag", "probe", "probe-again").ok();
        foxbox.run("rmi", "-f", "probe-again").ok();
        foxbox.run("system", "prune", "-f").ok();
        StoreChecks.assertConsistent(foxbox.root());
        assertEquals("keeper\n", foxbox.run("rm", "keeper").ok().out());
        assertEquals(125, foxbox.run("rm", "keeper").exitCode());
        try (var names = Files.list(foxbox.root().resolve("boxes/by-name"))) {
            assertEquals(0, names.count());
        }
    }

    @Test
    void theBoxLeavesNothingBehindWithRm() throws Exception {
        // Files of another id: the monitor cannot remove them, and has foxbox rm -f finish the job.
        foxbox.runProcess("run", "--rm", "--name", "others", "probe", "sh", "-c",
                "mkdir -p /a/b && echo x > /a/b/c && chown -R 1000:1000 /a").ok();
        try (var boxes = Files.list(foxbox.root().resolve("boxes")); var names = Files.list(foxbox.root().resolve("boxes/by-name"))) {
            assertEquals(List.of("by-name"), boxes.map(p -> p.getFileName().toString()).toList());
            assertEquals(0, names.count());
        }
    }

    @Test
    void aBoxWhoseJvmStartedItsOwnHelperLeavesNothingBehindWithRm() throws Exception {
        Foxbox.Result r = foxbox.result(foxbox.jvmOnly("run", "--rm", "--name", "others", "probe", "sh", "-c",
                "mkdir -p /a/b && echo x > /a/b/c && chown -R 1000:1000 /a && echo done"), new byte[0]).ok();
        assertEquals("done\n", r.out());
        try (var boxes = Files.list(foxbox.root().resolve("boxes")); var names = Files.list(foxbox.root().resolve("boxes/by-name"))) {
            assertEquals(List.of("by-name"), boxes.map(p -> p.getFileName().toString()).toList());
            assertEquals(0, names.count());
        }
    }

    @Test
    void removingABoxFollowsNoLinkItMade() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("keep"), "mine");
        foxbox.runProcess("run", "--rm", "probe", "sh", "-c", "ln -s " + outside + " /linked && ln -s " + outside.resolve("keep")
                + " /linked-file && mkdir -p /deep/er && ln -s " + outside + " /deep/er/linked").ok();
        assertEquals("mine", Files.readString(outside.resolve("keep")));
        try (var boxes = Files.list(foxbox.root().resolve("boxes"))) {
            assertEquals(List.of("by-name"), boxes.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void theHelperRunsSealedAndIsNotReachableFromTheBox() throws Exception {
        Path helperDir = foxbox.root().resolve("helper");
        Foxbox.Result r = foxbox.runProcess("run", "--rm", "probe", "sh", "-c",
                "ls " + helperDir + " 2>&1; for p in /proc/[0-9]*; do readlink $p/exe; done").ok();
        assertTrue(r.out().contains("No such file or directory"), "the installed helper is visible in the box: " + r.out());
        assertFalse(r.out().contains("foxbox-helper"), r.out());
    }

    @Test
    void traceShowsEveryStepInPlainWords() throws Exception {
        Foxbox.Result r = foxbox.runProcess("run", "--rm", "--trace", "probe", "true").ok();
        for (String expected : List.of("new namespaces: user mount pid uts ipc cgroup net", "mount proc on /proc",
                "pivot_root into the box's root", "bounding set: kept 00000000800405fb", "seccomp filter: ",
                "default action ERRNO(EPERM)", "exec true")) {
            assertTrue(r.err().contains(expected), "trace lacks '" + expected + "':\n" + r.err());
        }
    }

    static boolean hasSubordinateIds() throws Exception {
        String user = System.getProperty("user.name");
        Path subuid = Path.of("/etc/subuid");
        return Files.isReadable(subuid) && Files.readAllLines(subuid).stream().anyMatch(l -> l.startsWith(user + ":"));
    }
}
