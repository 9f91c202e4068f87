package dev.foxbox.runtime.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.runtime.ids.IdMap;
import dev.foxbox.runtime.ids.IdMapping;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Java side and the helper's protocol.h agree on every step name and exit code. */
class HelperProtocolTest {

    static final Path PROTOCOL = Path.of("src/main/c/protocol.h");

    @Test
    void stepNamesAreTheHelpers() throws Exception {
        Set<String> inHeader = new TreeSet<>();
        Matcher m = Pattern.compile("#define STEP_\\w+ \"([a-z0-9-]+)\"").matcher(Files.readString(PROTOCOL));
        while (m.find()) {
            inHeader.add(m.group(1));
        }
        assertEquals(inHeader, new TreeSet<>(HelperInput.stepNames()));
    }

    @Test
    void exitCodesMagicAndHandoverAreTheHelpers() throws Exception {
        String header = Files.readString(PROTOCOL);
        Map<String, Integer> codes = new TreeMap<>();
        Matcher m = Pattern.compile("#define (HELPER_EXIT_\\w+) (\\d+)").matcher(header);
        while (m.find()) {
            codes.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        assertEquals(Map.of("HELPER_EXIT_FAILED", HelperInput.EXIT_FAILED, "HELPER_EXIT_CANNOT_EXEC",
                HelperInput.EXIT_CANNOT_EXEC, "HELPER_EXIT_NOT_FOUND", HelperInput.EXIT_NOT_FOUND), codes);
        assertTrue(header.contains("#define PLAN_MAGIC \"" + HelperInput.MAGIC + "\""));
        assertTrue(header.contains("#define HANDOVER_ENV \"" + Handover.ENVIRONMENT + "\""));
        assertTrue(header.contains("#define HANDOVER_RUN \"" + Handover.RUN + "\""));
    }

    @Test
    void everyStepTheWriterKnowsIsWritten() {
        IdMapping ids = new IdMapping(List.of(new IdMap(0, 1000, 1), new IdMap(1, 100000, 65536)),
                List.of(new IdMap(0, 1000, 1)), Path.of("/usr/bin/newuidmap"), Path.of("/usr/bin/newgidmap"));
        List<Step> steps = List.of(new Step.Rootfs("overlay", Path.of("/r"), "overlay", "", "lowerdir=/a"),
                new Step.Mount("proc", "/proc", "proc", "nosuid", ""), new Step.Bind(Path.of("/dev/null"), "/dev/null", ""),
                new Step.Mkdir("/w", 0755), new Step.Symlink("pts/ptmx", "/dev/ptmx"), new Step.Mask("/proc/kcore"),
                new Step.ReadOnly("/proc/sys"), new Step.Pivot(), new Step.RemountRootReadOnly(), new Step.Hostname("h"),
                new Step.Loopback(), new Step.Rlimit(7, 1024, -1), new Step.Stdio(Step.StdioMode.PTY),
                new Step.Chdir("/w"), new Step.Bounding(0x800405fbL), new Step.Seccomp(new byte[] {6, 0, 0, 0, 0, 0, 0x7f, 0x7f}, 1, "ALLOW", 0),
                new Step.User(0, 0, List.of(10L)), new Step.Caps(1, 1, 0, 0), new Step.NoNewPrivs(), new Step.CloseFds(),
                new Step.Env(List.of("A=b c")), new Step.Exec(List.of("sh", "-c", "echo \n")));
        HelperPlan plan = new HelperPlan(Set.of(HelperPlan.Namespace.values()), ids, Path.of("/e"), Path.of("/b"), true, true,
                true, new HelperPlan.Watch(Path.of("/log"), 1024, Path.of("/state"), true, List.of("/bin/rm", "x"),
                        new HelperPlan.Removal(List.of(Path.of("/box/record.json"), Path.of("/box")), Path.of("/by-name/n"), "../box")), 42,
                new HelperPlan.Slirp(Path.of("/usr/bin/slirp4netns"), Path.of("/run/s.sock"), 65520, false,
                        List.of(new HelperPlan.Port("tcp", "0.0.0.0", 8080, 80))), Path.of("/sys/fs/cgroup/x"), steps);
        String text = new String(HelperInput.write(plan), StandardCharsets.ISO_8859_1);
        Set<String> written = new TreeSet<>();
        for (String line : text.split("\n")) {
            written.add(line.split(" ")[0]);
        }
        written.remove(HelperInput.MAGIC.split(" ")[0]);
        for (String name : HelperInput.stepNames()) {
            assertTrue(written.contains(name), name + " was not written");
        }
        assertTrue(text.startsWith("foxbox-plan 1\nnamespaces 7 4:user 5:mount 3:pid 3:uts 3:ipc 6:cgroup 3:net\n"), text);
        assertTrue(text.contains("\nuidmap 3 1:1 6:100000 5:65536\n"), text);
        assertTrue(text.contains("\nrlimit 3 1:7 4:1024 9:unlimited\n"), text);
        assertTrue(text.contains("\nexec 3 2:sh 2:-c 6:echo \n\n"), "arguments are length-prefixed, newlines and all");
        assertTrue(text.contains("\nmkdir 2 2:/w 3:755\n"), text);
    }
}
