package dev.foxbox.runtime.seccomp;

import dev.foxbox.runtime.seccomp.FilterPlan.AbiPlan;
import dev.foxbox.runtime.seccomp.FilterPlan.ConditionalRule;
import dev.foxbox.runtime.seccomp.FilterPlan.SyscallPlan;

/**
 * What a filter should return, worked out from its {@link FilterPlan} directly: the reference the
 * generated BPF is checked against on many calls.
 */
final class PlanOracle {

    private final FilterPlan plan;

    PlanOracle(FilterPlan plan) {
        this.plan = plan;
    }

    int decide(int auditArch, int nr, long... args) {
        AbiPlan abi = null;
        boolean x32 = Integer.compareUnsigned(nr, ScmpArch.X32_SYSCALL_BIT) >= 0;
        for (AbiPlan candidate : plan.abis()) {
            ScmpArch a = candidate.abi();
            boolean sharesAuditArch = a.auditArch() == auditArch;
            boolean x86Family = auditArch == ScmpArch.X86_64.auditArch();
            if (sharesAuditArch && (!x86Family || (a == ScmpArch.X32) == x32)) {
                abi = candidate;
            }
        }
        if (abi == null) {
            return plan.badArchAction().returnValue();
        }
        if (plan.enosysAboveKnown() && abi.highestNamed() >= 0 && Integer.compareUnsigned(nr, abi.highestNamed()) > 0) {
            return Action.Errno.ENOSYS.returnValue();
        }
        ScmpArch found = abi.abi();
        long[] six = java.util.Arrays.copyOf(args, 6);
        for (SyscallPlan call : abi.syscalls()) {
            if (call.number() == nr) {
                for (ConditionalRule rule : call.conditional()) {
                    if (rule.args().stream().allMatch(c -> holds(found, c, six[c.index()]))) {
                        return rule.action().returnValue();
                    }
                }
                return call.otherwise().returnValue();
            }
        }
        return plan.defaultAction().returnValue();
    }

    /** 32-bit ABIs compare the low words only. */
    private static boolean holds(ScmpArch abi, ArgCondition c, long arg) {
        if (abi.wideArgs()) {
            return c.test(arg);
        }
        long low = 0xffffffffL;
        return c.op().test(arg & low, c.value() & low, c.valueTwo() & low);
    }
}
