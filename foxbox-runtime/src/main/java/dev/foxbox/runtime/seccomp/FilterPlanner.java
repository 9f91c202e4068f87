package dev.foxbox.runtime.seccomp;

import dev.foxbox.runtime.caps.Capability;
import dev.foxbox.runtime.seccomp.FilterPlan.AbiPlan;
import dev.foxbox.runtime.seccomp.FilterPlan.ConditionalRule;
import dev.foxbox.runtime.seccomp.FilterPlan.SyscallPlan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * Picks a profile's rules for one box and resolves them to numbers: the policy half of compiling a
 * profile, following what docker (moby's {@code setupSeccomp}), runc and libseccomp do with it.
 *
 * <ul>
 *   <li>ABIs: the host's native one, plus the sub-architectures its {@code archMap} entry lists (or
 *       the {@code architectures} list) that this kernel can run. Calls from any other ABI get
 *       KILL_THREAD, libseccomp's bad-architecture action, which docker keeps.
 *   <li>Rules: a rule applies when the box has all {@code includes.caps}, the host is among
 *       {@code includes.arches} (if any), it has none of {@code excludes.caps} and the host is not
 *       among {@code excludes.arches}. minKernel conditions count as met (see {@link RuleFilter}).
 *   <li>A rule whose action is the default action is dropped, as runc drops it.
 *   <li>Per call, argument rules are tried first, in profile order; the first unconditional rule
 *       decides when none matches. (libseccomp leaves overlapping rules with different actions
 *       unspecified; docker's profile has none.)
 * </ul>
 */
final class FilterPlanner {

    /** libseccomp's default bad-architecture action, which neither docker nor runc changes. */
    static final Action BAD_ARCH = new Action.KillThread();

    private FilterPlanner() {}

    static FilterPlan plan(SeccompProfile profile, Arch arch, Set<Capability> caps) {
        List<SyscallRule> rules = profile.syscalls().stream().filter(r -> applies(r, arch, caps)).toList();
        Action defaultAction = profile.defaultAction();
        List<AbiPlan> abis = new ArrayList<>();
        Set<String> known = new LinkedHashSet<>();
        for (ScmpArch abi : abis(profile, arch)) {
            abis.add(abiPlan(SyscallTable.of(abi), rules, defaultAction, known));
        }
        Set<String> unknown = new LinkedHashSet<>();
        rules.forEach(r -> r.names().stream().filter(n -> !known.contains(n)).forEach(unknown::add));
        int ruleCount = abis.get(0).syscalls().stream()
                .mapToInt(s -> s.conditional().size() + (s.otherwise().equals(defaultAction) ? 0 : 1))
                .sum();
        boolean enosys = !(defaultAction instanceof Action.Allow || defaultAction instanceof Action.Log
                || defaultAction instanceof Action.Trace);
        return new FilterPlan(defaultAction, BAD_ARCH, abis, enosys, ruleCount, List.copyOf(unknown));
    }

    /** The ABIs a filter for this host covers, native first, as docker picks them from the profile. */
    static List<ScmpArch> abis(SeccompProfile profile, Arch arch) {
        Set<ScmpArch> abis = new LinkedHashSet<>();
        abis.add(arch.nativeAbi());
        if (!profile.archMap().isEmpty()) {
            profile.archMap().stream()
                    .filter(m -> m.architecture() == arch.nativeAbi())
                    .findFirst()
                    .ifPresent(m -> abis.addAll(m.subArchitectures()));
        } else {
            abis.addAll(profile.architectures());
        }
        // Other ABIs never reach this kernel's filters: no kernel reports a foreign audit arch.
        return abis.stream().filter(arch::runs).toList();
    }

    static boolean applies(SyscallRule rule, Arch arch, Set<Capability> caps) {
        RuleFilter ex = rule.excludes();
        if (ex.arches().contains(arch.dockerName()) || ex.caps().stream().anyMatch(caps::contains) || ex.minKernel() != null) {
            return false;
        }
        RuleFilter in = rule.includes();
        return (in.arches().isEmpty() || in.arches().contains(arch.dockerName())) && caps.containsAll(in.caps());
    }

    private static AbiPlan abiPlan(SyscallTable table, List<SyscallRule> rules, Action defaultAction, Set<String> known) {
        TreeMap<Integer, String> names = new TreeMap<>();
        TreeMap<Integer, List<ConditionalRule>> conditional = new TreeMap<>();
        TreeMap<Integer, Action> unconditional = new TreeMap<>();
        int highest = -1;
        for (SyscallRule rule : rules) {
            for (String name : rule.names()) {
                OptionalInt found = table.number(name);
                if (found.isEmpty()) {
                    continue;
                }
                int nr = found.getAsInt();
                known.add(name);
                highest = Math.max(highest, nr);
                if (rule.action().equals(defaultAction)) {
                    continue;
                }
                names.putIfAbsent(nr, name);
                if (rule.args().isEmpty()) {
                    unconditional.putIfAbsent(nr, rule.action());
                } else {
                    conditional.computeIfAbsent(nr, n -> new ArrayList<>()).add(new ConditionalRule(rule.args(), rule.action()));
                }
            }
        }
        List<SyscallPlan> syscalls = new ArrayList<>();
        names.forEach((nr, name) -> syscalls.add(new SyscallPlan(nr, name,
                conditional.getOrDefault(nr, List.of()), unconditional.getOrDefault(nr, defaultAction))));
        return new AbiPlan(table.abi(), syscalls, highest);
    }
}
