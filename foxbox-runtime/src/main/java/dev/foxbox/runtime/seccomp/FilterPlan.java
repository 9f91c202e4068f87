package dev.foxbox.runtime.seccomp;

import java.util.List;

/**
 * What a filter decides for one box, ABI by ABI, before any BPF is written: the profile's rules
 * picked for the box's capabilities and host, and resolved to syscall numbers. {@link BpfCodegen}
 * turns it into a program; nothing in here knows about BPF.
 *
 * @param defaultAction for calls no rule decides
 * @param badArchAction for calls from an ABI the filter does not cover
 * @param abis the ABIs the filter covers, the host's native one first
 * @param enosysAboveKnown whether numbers above the highest one the profile names get ENOSYS
 *     instead of the default action, as runc arranges, so that programs probing for calls newer than
 *     the profile fall back to older ones
 * @param rules the syscall rules in effect for the native ABI (one per unconditional syscall, one
 *     per argument rule), for --trace
 * @param unknownNames names the profile's picked rules use that none of the ABIs has: skipped, as
 *     docker skips names the kernel does not know
 */
record FilterPlan(
        Action defaultAction,
        Action badArchAction,
        List<AbiPlan> abis,
        boolean enosysAboveKnown,
        int rules,
        List<String> unknownNames) {

    FilterPlan {
        abis = List.copyOf(abis);
        unknownNames = List.copyOf(unknownNames);
    }

    /**
     * The decisions for one ABI.
     *
     * @param syscalls the calls with a decision other than the default, by number
     * @param highestNamed the highest number the profile's picked rules name on this ABI, or -1
     */
    record AbiPlan(ScmpArch abi, List<SyscallPlan> syscalls, int highestNamed) {
        AbiPlan {
            syscalls = List.copyOf(syscalls);
        }
    }

    /**
     * How one call is decided: the argument rules in profile order, the first that matches wins;
     * when none does, {@code otherwise} (the call's unconditional rule, else the default action).
     */
    record SyscallPlan(int number, String name, List<ConditionalRule> conditional, Action otherwise) {
        SyscallPlan {
            conditional = List.copyOf(conditional);
        }
    }

    /** An argument rule: {@code action} when every condition holds. */
    record ConditionalRule(List<ArgCondition> args, Action action) {
        ConditionalRule {
            args = List.copyOf(args);
        }
    }
}
