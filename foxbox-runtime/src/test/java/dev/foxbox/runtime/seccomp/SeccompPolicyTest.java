package dev.foxbox.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.runtime.caps.Capability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --security-opt seccomp=… and --privileged, as docker reads them. */
class SeccompPolicyTest {

    @TempDir
    Path dir;

    @Test
    void aBoxGetsTheDefaultProfile() throws Exception {
        CompiledFilter filter = SeccompPolicy.defaultPolicy().compile(Arch.X86_64, Capability.podmanDefaults(), false).orElseThrow();
        assertEquals("ERRNO(EPERM)", filter.defaultAction());
    }

    @Test
    void unconfinedAndPrivilegedMeanNoFilter() throws Exception {
        assertInstanceOf(SeccompPolicy.Unconfined.class, SeccompPolicy.fromSecurityOpt("unconfined"));
        assertTrue(SeccompPolicy.fromSecurityOpt("unconfined").compile(Arch.X86_64, Set.of(), false).isEmpty());
        assertTrue(SeccompPolicy.defaultPolicy().compile(Arch.X86_64, Capability.all(), true).isEmpty());
        Path custom = Path.of(getClass().getResource("/seccomp/custom-profile.json").toURI());
        assertTrue(SeccompPolicy.fromSecurityOpt(custom.toString()).compile(Arch.X86_64, Set.of(), true).isEmpty(),
                "--privileged wins over a profile, as in docker");
    }

    @Test
    void aProfileFileIsReadWhenTheOptionIs() throws Exception {
        Path custom = Path.of(getClass().getResource("/seccomp/custom-profile.json").toURI());
        SeccompPolicy policy = SeccompPolicy.fromSecurityOpt(custom.toString());
        assertEquals(custom.toString(), assertInstanceOf(SeccompPolicy.Confined.class, policy).source());
        assertEquals("KILL_PROCESS", policy.compile(Arch.X86_64, Set.of(), false).orElseThrow().defaultAction());

        Path empty = Files.writeString(dir.resolve("empty.json"), "{}");
        assertInstanceOf(SeccompPolicy.Unconfined.class, SeccompPolicy.fromSecurityOpt(empty.toString()));

        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"defaultAction\": \"SCMP_ACT_NOPE\"}");
        assertEquals(broken + ": defaultAction: unknown action \"SCMP_ACT_NOPE\"",
                assertThrows(InvalidProfileException.class, () -> SeccompPolicy.fromSecurityOpt(broken.toString())).getMessage());
        assertThrows(InvalidProfileException.class, () -> SeccompPolicy.fromSecurityOpt(""));
    }

    @Test
    void aProfileTooLongForTheKernelIsNamedInTheError() {
        List<SyscallRule> rules = new ArrayList<>();
        for (String name : SyscallTable.of(ScmpArch.X86_64).all().keySet()) {
            for (int i = 0; i < 3; i++) {
                rules.add(new SyscallRule(List.of(name), Action.ALLOW, List.of(ArgCondition.of(i, ArgOp.EQ, i)),
                        RuleFilter.NONE, RuleFilter.NONE, null));
            }
        }
        SeccompPolicy policy = new SeccompPolicy.Confined(
                new SeccompProfile(Action.Errno.EPERM, List.of(), List.of(), rules, Set.of()), "big.json");
        String message = assertThrows(InvalidProfileException.class,
                () -> policy.compile(Arch.X86_64, Set.of(), false)).getMessage();
        assertTrue(message.startsWith("big.json: the seccomp profile compiles to "), message);
    }
}
