package dev.foxbox.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.foxbox.runtime.caps.Capability;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kernel takes the compiled default profile and applies it as docker's would. The filter
 * is installed in a throwaway C probe (filter-probe.c, compiled here with gcc), never in the JVM.
 */
class KernelFilterTest {

    @TempDir
    static Path dir;
    static Path probe;

    @BeforeAll
    static void buildProbe() throws Exception {
        String reason = null;
        if (!System.getProperty("os.name", "").equals("Linux")) {
            reason = "not Linux";
        } else {
            try {
                Arch.host();
            } catch (IllegalStateException e) {
                reason = e.getMessage();
            }
        }
        if (reason == null) {
            Path source = dir.resolve("filter-probe.c");
            try (InputStream in = KernelFilterTest.class.getResourceAsStream("/seccomp/filter-probe.c")) {
                Files.copy(in, source);
            }
            probe = dir.resolve("filter-probe");
            try {
                Process gcc = new ProcessBuilder("gcc", "-O2", "-Wall", "-Werror", "-o", probe.toString(), source.toString())
                        .redirectErrorStream(true).start();
                String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!gcc.waitFor(120, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
                    throw new IllegalStateException("gcc failed on filter-probe.c:\n" + out);
                }
            } catch (IOException e) {
                reason = "gcc is missing: " + e.getMessage();
            }
        }
        if (reason != null) {
            System.out.println("SKIP KernelFilterTest: " + reason);
        }
        assumeTrue(reason == null, reason);
    }

    /** Runs the probe under the filter; each line is "call result". */
    private static Map<String, String> probe(CompiledFilter filter, String... options) throws Exception {
        Path file = Files.write(Files.createTempFile(dir, "filter", ".bpf"), filter.program());
        List<String> command = new ArrayList<>(List.of(probe.toString(), file.toString()));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("probe hung:\n" + out);
        }
        if (p.exitValue() == 2) {
            System.out.println("SKIP: this kernel has no seccomp");
            assumeTrue(false, "this kernel has no seccomp");
        }
        assertEquals(0, p.exitValue(), "the kernel refused the filter, or the probe failed:\n" + out);
        Map<String, String> results = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            String[] parts = line.split(" ", 2);
            if (parts.length == 2) {
                results.put(parts[0], parts[1]);
            }
        }
        return results;
    }

    private static void expect(Map<String, String> results, String call, String result) {
        assertEquals(result, results.get(call), call + " in " + results);
    }

    @Test
    void theKernelEnforcesTheDefaultProfile() throws Exception {
        CompiledFilter filter = SeccompCompiler.compile(SeccompProfiles.dockerDefault(), Arch.host(), Capability.podmanDefaults());
        Map<String, String> r = probe(filter);
        System.out.println("probe under the default profile (" + filter.summary() + "): " + r);
        expect(r, "getpid", "ok");
        expect(r, "mount", "errno=1");
        expect(r, "unshare_newuser", "errno=1");
        expect(r, "keyctl", "errno=1");
        expect(r, "personality_query", "ok");
        expect(r, "personality_1", "errno=1");
        expect(r, "clone3", "errno=38");
        expect(r, "socket_vsock", "errno=1");
        expect(r, "socket_unix", "ok");
        expect(r, "after_profile", "errno=38");
        expect(r, "fork", "ok");
        if (Arch.host() == Arch.X86_64) {
            expect(r, "x32_mount", "errno=1");
            if (r.getOrDefault("i386_getpid", "").startsWith("signal")) {
                System.out.println("SKIP i386 checks: this kernel runs no i386 programs (" + r.get("i386_getpid") + ")");
            } else {
                expect(r, "i386_getpid", "ok");
                expect(r, "i386_mount", "errno=1");
                expect(r, "i386_unshare_newuser", "errno=1");
            }
        }
    }

    @Test
    void theKernelAcceptsAndRunsAProgramWithJumpsPast255() throws Exception {
        // Every native call gets an argument rule that never holds, except getrandom's, which
        // always does: a long program whose search tree reaches getrandom through a far jump.
        List<SyscallRule> rules = new ArrayList<>();
        for (String name : SyscallTable.of(Arch.host().nativeAbi()).all().keySet()) {
            ArgOp op = name.equals("getrandom") ? ArgOp.NE : ArgOp.EQ;
            rules.add(new SyscallRule(List.of(name), new Action.Errno(13), List.of(ArgCondition.of(5, op, 0xdeadbeef_cafef00dL)),
                    RuleFilter.NONE, RuleFilter.NONE, null));
        }
        SeccompProfile profile = new SeccompProfile(Action.ALLOW, List.of(), List.of(), rules, Set.of());
        CompiledFilter filter = SeccompCompiler.compile(profile, Arch.host(), Set.of());
        int longJumps = BpfAssemblerTest.jumps(filter.program());
        System.out.println("long program: " + filter.summary() + ", " + longJumps + " long jumps");
        assertTrue(longJumps > 0 && filter.instructions() > 2000, filter.summary());
        Map<String, String> r = probe(filter, "--brief");
        expect(r, "getpid", "ok");
        expect(r, "getrandom", "errno=13");
    }

    @Test
    void sysAdminUnlocksClone3() throws Exception {
        Set<Capability> caps = EnumSet.copyOf(Capability.podmanDefaults());
        caps.add(Capability.SYS_ADMIN);
        Map<String, String> r = probe(SeccompCompiler.compile(SeccompProfiles.dockerDefault(), Arch.host(), caps));
        // The call reaches the kernel, which refuses the empty argument block itself.
        expect(r, "clone3", "errno=22");
        expect(r, "keyctl", "errno=1");
    }
}
