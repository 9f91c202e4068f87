package dev.foxbox.runtime.seccomp;

import static dev.foxbox.runtime.seccomp.FilterRunner.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.runtime.caps.Capability;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random profiles, compiled and run through the interpreter, must decide every call as their plan
 * says ({@link PlanOracle}): argument comparisons on both halves, rule order, ABI dispatch, ENOSYS
 * for newer calls, and programs long enough to need jumps past 255 instructions.
 */
class CompilerOracleTest {

    private static final List<Action> ACTIONS = List.of(Action.ALLOW, Action.Errno.EPERM, new Action.Errno(13),
            new Action.KillProcess(), new Action.Trap(), new Action.Log(), new Action.Trace(7));

    private static long interesting(Random random) {
        long[] values = {0, 1, 2, 40, 0x7fffffffL, 0x80000000L, 0xffffffffL, 0x1_0000_0000L, 0x1_0000_0001L,
            0xffffffff_ffffffffL, 0x8000_0000_0000_0000L, 0x7E020000L};
        return random.nextInt(4) == 0 ? random.nextLong() : values[random.nextInt(values.length)];
    }

    private static SeccompProfile randomProfile(Random random, int rules, int maxArgs) {
        List<String> names = new ArrayList<>(SyscallTable.of(ScmpArch.X86).all().keySet());
        names.addAll(SyscallTable.of(ScmpArch.X86_64).all().keySet());
        List<SyscallRule> syscalls = new ArrayList<>();
        for (int i = 0; i < rules; i++) {
            List<String> ruleNames = new ArrayList<>();
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                ruleNames.add(names.get(random.nextInt(names.size())));
            }
            List<ArgCondition> args = new ArrayList<>();
            for (int a = random.nextInt(maxArgs + 1); a > 0; a--) {
                args.add(new ArgCondition(random.nextInt(6), interesting(random), interesting(random),
                        ArgOp.values()[random.nextInt(ArgOp.values().length)]));
            }
            RuleFilter includes = random.nextInt(5) == 0
                    ? new RuleFilter(Set.of(Capability.SYS_ADMIN), List.of(), null) : RuleFilter.NONE;
            syscalls.add(new SyscallRule(ruleNames, ACTIONS.get(random.nextInt(ACTIONS.size())), args, includes,
                    RuleFilter.NONE, null));
        }
        List<ArchMapping> archMap = List.of(
                new ArchMapping(ScmpArch.X86_64, random.nextBoolean() ? List.of(ScmpArch.X86, ScmpArch.X32) : List.of(ScmpArch.X86)),
                new ArchMapping(ScmpArch.AARCH64, List.of(ScmpArch.ARM)));
        return new SeccompProfile(ACTIONS.get(random.nextInt(ACTIONS.size())), List.of(), archMap, syscalls, Set.of());
    }

    private static void agree(SeccompProfile profile, Arch arch, Set<Capability> caps, Random random, int probes)
            throws InvalidProfileException {
        FilterPlan plan = FilterPlanner.plan(profile, arch, caps);
        PlanOracle oracle = new PlanOracle(plan);
        FilterRunner filter = new FilterRunner(SeccompCompiler.compile(profile, arch, caps));
        List<Integer> arches = new ArrayList<>(plan.abis().stream().map(a -> a.abi().auditArch()).toList());
        arches.add(0xc0000015);
        for (int i = 0; i < probes; i++) {
            FilterPlan.AbiPlan abi = plan.abis().get(random.nextInt(plan.abis().size()));
            int audit = random.nextInt(10) == 0 ? arches.get(random.nextInt(arches.size())) : abi.abi().auditArch();
            int nr;
            long[] args = new long[6];
            if (!abi.syscalls().isEmpty() && random.nextInt(5) != 0) {
                FilterPlan.SyscallPlan call = abi.syscalls().get(random.nextInt(abi.syscalls().size()));
                nr = call.number();
                for (FilterPlan.ConditionalRule rule : call.conditional()) {
                    for (ArgCondition c : rule.args()) {
                        // Near the compared value, so conditions go both ways.
                        long near = random.nextBoolean() ? c.value() : c.valueTwo();
                        args[c.index()] = switch (random.nextInt(4)) {
                            case 0 -> near;
                            case 1 -> near + 1;
                            case 2 -> near - 1;
                            default -> near ^ (1L << random.nextInt(64));
                        };
                    }
                }
            } else {
                nr = random.nextInt(3) == 0 ? random.nextInt() : random.nextInt(600) | (random.nextBoolean() ? ScmpArch.X32_SYSCALL_BIT : 0);
                for (int a = 0; a < 6; a++) {
                    args[a] = interesting(random);
                }
            }
            int expected = oracle.decide(audit, nr, args);
            int actual = filter.raw(audit, nr, args);
            if (expected != actual) {
                assertEquals(show(expected), show(actual), "arch 0x" + Integer.toHexString(audit) + " nr " + nr
                        + " args " + java.util.Arrays.toString(args));
            }
        }
    }

    @Test
    void randomProfilesDecideAsPlanned() throws Exception {
        Random random = new Random(20241128);
        for (int round = 0; round < 150; round++) {
            SeccompProfile profile = randomProfile(random, 1 + random.nextInt(60), 3);
            Set<Capability> caps = random.nextBoolean() ? Capability.podmanDefaults() : Set.of(Capability.SYS_ADMIN);
            for (Arch arch : Arch.values()) {
                agree(profile, arch, caps, random, 400);
            }
        }
    }

    @Test
    void longProgramsWithFarJumpsDecideAsPlanned() throws Exception {
        Random random = new Random(42);
        SeccompProfile profile = randomProfile(random, 75, 3);
        CompiledFilter filter = SeccompCompiler.compile(profile, Arch.X86_64, Set.of());
        System.out.println("long random profile: " + filter.summary() + ", " + BpfAssemblerTest.jumps(filter.program()) + " long jumps");
        assertTrue(filter.instructions() > 2000, filter.summary());
        assertTrue(BpfAssemblerTest.jumps(filter.program()) > 0, "no jump needed a ja");
        agree(profile, Arch.X86_64, Set.of(), random, 20000);
    }

    @Test
    void programsOverTheKernelLimitAreRefused() {
        List<SyscallRule> rules = new ArrayList<>();
        List<ArgCondition> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(ArgCondition.of(i, ArgOp.GE, 0x1_0000_0000L + i));
        }
        for (String name : SyscallTable.of(ScmpArch.X86_64).all().keySet()) {
            rules.add(new SyscallRule(List.of(name), Action.ALLOW, six, RuleFilter.NONE, RuleFilter.NONE, null));
        }
        SeccompProfile huge = new SeccompProfile(Action.Errno.EPERM, List.of(), List.of(), rules, Set.of());
        InvalidProfileException e = assertThrows(InvalidProfileException.class,
                () -> SeccompCompiler.compile(huge, Arch.X86_64, EnumSet.noneOf(Capability.class)));
        assertTrue(e.getMessage().matches("the seccomp profile compiles to \\d+ BPF instructions for x86_64, "
                + "more than the kernel's limit of 4096"), e.getMessage());
    }
}
