package dev.foxbox.runtime.seccomp;

import java.util.List;
import java.util.Set;

/**
 * A seccomp profile in the model of docker's JSON format ({@code --security-opt seccomp=FILE}):
 * the action for calls no rule decides, the architectures to cover, and the rules.
 *
 * <p>Architectures come either as a flat list or as docker's {@code archMap}, never both; see
 * {@link FilterPlanner} for how either becomes the ABIs of a filter. The profile says nothing about a
 * particular box: the capabilities and host architecture that pick its conditional rules come in
 * when it is compiled ({@link SeccompCompiler}).
 */
public record SeccompProfile(
        Action defaultAction,
        List<ScmpArch> architectures,
        List<ArchMapping> archMap,
        List<SyscallRule> syscalls,
        Set<FilterFlag> flags) {

    public SeccompProfile {
        if (defaultAction == null) {
            throw new IllegalArgumentException("profile has no default action");
        }
        architectures = List.copyOf(architectures);
        archMap = List.copyOf(archMap);
        syscalls = List.copyOf(syscalls);
        flags = Set.copyOf(flags);
        if (!architectures.isEmpty() && !archMap.isEmpty()) {
            throw new IllegalArgumentException("profile has both architectures and archMap");
        }
    }

    /**
     * Whether the profile lets everything through, as docker reads a profile with neither a default
     * action nor rules: such a box runs without a filter.
     */
    public boolean allowsEverything() {
        return defaultAction instanceof Action.Allow && syscalls.isEmpty();
    }
}
