package dev.foxbox.runtime.seccomp;

import java.util.List;

/**
 * One entry of a profile's {@code syscalls}: for each of {@code names}, take {@code action} when all
 * {@code args} conditions hold, on boxes that match {@code includes} and not {@code excludes}.
 *
 * <p>Names are kept as written; they are resolved per ABI when the profile is compiled, and a name
 * no table knows is skipped there, as docker and libseccomp skip names the kernel does not know.
 */
public record SyscallRule(
        List<String> names,
        Action action,
        List<ArgCondition> args,
        RuleFilter includes,
        RuleFilter excludes,
        String comment) {

    public SyscallRule {
        names = List.copyOf(names);
        args = List.copyOf(args);
        if (action == null) {
            throw new IllegalArgumentException("rule for " + names + " has no action");
        }
        includes = includes == null ? RuleFilter.NONE : includes;
        excludes = excludes == null ? RuleFilter.NONE : excludes;
    }

    public static SyscallRule allow(List<String> names) {
        return new SyscallRule(names, Action.ALLOW, List.of(), RuleFilter.NONE, RuleFilter.NONE, null);
    }
}
