package dev.foxbox.runtime.seccomp;

import static dev.foxbox.runtime.seccomp.FilterRunner.ALLOW;
import static dev.foxbox.runtime.seccomp.FilterRunner.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.runtime.caps.Capability;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Docker's seccomp JSON format: a full custom profile, and a folder of broken ones with the exact errors. */
class ProfileJsonTest {

    static Path resource(String name) throws URISyntaxException {
        return Path.of(ProfileJsonTest.class.getResource("/seccomp/" + name).toURI());
    }

    @Test
    void readsEveryPartOfACustomProfile() throws Exception {
        SeccompProfile profile = SeccompProfiles.parse(resource("custom-profile.json"));
        SeccompProfile expected = new SeccompProfile(
                new Action.KillProcess(),
                List.of(ScmpArch.X86_64, ScmpArch.X86),
                List.of(),
                List.of(
                        SyscallRule.allow(List.of("read", "write", "exit_group", "no_such_call", "rt_sigreturn")),
                        new SyscallRule(List.of("openat"), new Action.Errno(13), List.of(), RuleFilter.NONE, RuleFilter.NONE,
                                "Tell the program it may not, rather than kill it."),
                        new SyscallRule(List.of("mmap"), Action.ALLOW, List.of(
                                new ArgCondition(2, 4, 0, ArgOp.MASKED_EQ),
                                new ArgCondition(1, 1L << 30, 0, ArgOp.LE)), RuleFilter.NONE, RuleFilter.NONE, null),
                        new SyscallRule(List.of("kill"), Action.ALLOW, List.of(
                                ArgCondition.of(1, ArgOp.GT, 0), ArgCondition.of(1, ArgOp.LT, 32)),
                                RuleFilter.NONE, RuleFilter.NONE, null),
                        new SyscallRule(List.of("ptrace"), new Action.Trace(42), List.of(),
                                new RuleFilter(Set.of(Capability.SYS_PTRACE), List.of(), "4.8"), RuleFilter.NONE, null),
                        new SyscallRule(List.of("getpid"), new Action.Log(), List.of(), RuleFilter.NONE,
                                new RuleFilter(Set.of(), List.of("arm64"), null), null),
                        new SyscallRule(List.of("mount"), new Action.Trap(), List.of(),
                                new RuleFilter(Set.of(Capability.SYS_ADMIN, Capability.SETUID), List.of("amd64"), null),
                                RuleFilter.NONE, null),
                        new SyscallRule(List.of("socket"), Action.ALLOW, List.of(ArgCondition.of(0, ArgOp.NE, -1L)),
                                RuleFilter.NONE, RuleFilter.NONE, null)),
                Set.of(FilterFlag.LOG));
        assertEquals(expected, profile);
    }

    @Test
    void aCustomProfileCompilesAndDecides() throws Exception {
        SeccompProfile profile = SeccompProfiles.parse(resource("custom-profile.json"));
        CompiledFilter filter = SeccompCompiler.compile(profile, Arch.X86_64, EnumSet.of(Capability.SYS_ADMIN, Capability.SETUID));
        assertEquals(List.of("no_such_call"), filter.unknownSyscalls());
        assertEquals(List.of(ScmpArch.X86_64, ScmpArch.X86), filter.abis());
        assertEquals("KILL_PROCESS", filter.defaultAction());
        assertEquals(FilterFlag.LOG.bit(), filter.flags());
        FilterRunner f = new FilterRunner(filter);
        assertEquals(show(ALLOW), show(f.call(ScmpArch.X86_64, "read")));
        assertEquals(show(ALLOW), show(f.call(ScmpArch.X86, "read")));
        assertEquals("ERRNO(13)", show(f.call(ScmpArch.X86_64, "openat")));
        assertEquals("KILL_PROCESS", show(f.call(ScmpArch.X86_64, "close")));
        assertEquals(show(ALLOW), show(f.call(ScmpArch.X86_64, "mmap", 0, 4096, 3)), "mmap(PROT_READ|PROT_WRITE)");
        assertEquals("KILL_PROCESS", show(f.call(ScmpArch.X86_64, "mmap", 0, 4096, 7)), "mmap(PROT_EXEC)");
        assertEquals("KILL_PROCESS", show(f.call(ScmpArch.X86_64, "mmap", 0, 1L << 31, 3)), "mmap(2 GiB)");
        assertEquals(show(ALLOW), show(f.call(ScmpArch.X86_64, "kill", 1, 15)));
        assertEquals("KILL_PROCESS", show(f.call(ScmpArch.X86_64, "kill", 1, 0)));
        assertEquals("KILL_PROCESS", show(f.call(ScmpArch.X86_64, "kill", 1, 32)));
        assertEquals("KILL_PROCESS", show(f.call(ScmpArch.X86_64, "ptrace")), "ptrace without CAP_SYS_PTRACE");
        assertEquals("LOG", show(f.call(ScmpArch.X86_64, "getpid")), "getpid logs");
        assertEquals("TRAP", show(f.call(ScmpArch.X86_64, "mount")), "mount traps");
        assertEquals("KILL_THREAD", show(f.call(ScmpArch.X32, "read")), "x32 is not in the profile");
        assertEquals(show(ALLOW), show(f.call(ScmpArch.X86_64, "socket", 2)));
        assertEquals("KILL_PROCESS", show(f.call(ScmpArch.X86_64, "socket", -1L)));
        // A 32-bit ABI compares the low word: -1 there is 0xffffffff.
        assertEquals("KILL_PROCESS", show(f.call(ScmpArch.X86, "socket", 0xffffffffL)));

        CompiledFilter traced = SeccompCompiler.compile(profile, Arch.X86_64, EnumSet.of(Capability.SYS_PTRACE));
        assertEquals("TRACE(42)", show(new FilterRunner(traced).call(ScmpArch.X86_64, "ptrace")));
        assertEquals("KILL_PROCESS", show(new FilterRunner(traced).call(ScmpArch.X86_64, "mount")), "mount needs both caps");
    }

    @Test
    void anEmptyProfileMeansNoFilter() throws Exception {
        assertTrue(SeccompProfiles.parse("{}".getBytes(StandardCharsets.UTF_8), "empty").allowsEverything());
        assertTrue(SeccompProfiles.parse("{\"defaultAction\": \"\"}".getBytes(StandardCharsets.UTF_8), "e").allowsEverything());
        assertFalse(SeccompProfiles.dockerDefault().allowsEverything());
    }

    @Test
    void fieldNamesMatchWithoutRegardToCaseAsInDocker() throws Exception {
        SeccompProfile p = SeccompProfiles.parse(
                "{\"DEFAULTACTION\": \"SCMP_ACT_ERRNO\", \"defaulterrnoret\": 38, \"Syscalls\": [{\"Names\": [\"read\"], \"ACTION\": \"SCMP_ACT_ALLOW\"}]}"
                        .getBytes(StandardCharsets.UTF_8), "shouting.json");
        assertEquals(Action.Errno.ENOSYS, p.defaultAction());
        assertEquals(List.of(SyscallRule.allow(List.of("read"))), p.syscalls());
    }

    @Test
    void theDefaultProfileReadsBackAsDockerFormat() {
        SeccompProfile p = SeccompProfiles.dockerDefault();
        assertEquals(Action.Errno.EPERM, p.defaultAction());
        assertEquals(List.of(new ArchMapping(ScmpArch.X86_64, List.of(ScmpArch.X86, ScmpArch.X32)),
                new ArchMapping(ScmpArch.AARCH64, List.of(ScmpArch.ARM))), p.archMap());
        long allowed = p.syscalls().stream()
                .filter(r -> r.action().equals(Action.ALLOW) && r.args().isEmpty() && r.includes().isEmpty() && r.excludes().isEmpty())
                .mapToLong(r -> r.names().size()).sum();
        assertEquals(355, allowed, "docker 27's unconditional allowlist has 355 names");
    }

    @TestFactory
    Stream<DynamicTest> brokenProfilesSayWhatAndWhere() throws Exception {
        List<Path> cases;
        try (Stream<Path> files = Files.list(resource("invalid"))) {
            cases = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(cases.size() >= 20, "cases: " + cases.size());
        return cases.stream().map(json -> DynamicTest.dynamicTest(json.getFileName().toString(), () -> {
            String name = json.getFileName().toString();
            String expected = Files.readString(json.resolveSibling(name.replace(".json", ".expected"))).strip();
            InvalidProfileException e = assertThrows(InvalidProfileException.class,
                    () -> SeccompProfiles.parse(Files.readAllBytes(json), name));
            assertEquals(expected, e.getMessage());
        }));
    }

    @Test
    void aMissingFileIsAnIoError() {
        assertThrows(IOException.class, () -> SeccompProfiles.parse(Path.of("/nonexistent/profile.json")));
    }
}
