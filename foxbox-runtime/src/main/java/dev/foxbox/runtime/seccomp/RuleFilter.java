package dev.foxbox.runtime.seccomp;

import dev.foxbox.runtime.caps.Capability;
import java.util.List;
import java.util.Set;

/**
 * The {@code includes} or {@code excludes} of a docker profile rule: the rule applies only when the
 * box has (includes) or lacks (excludes) these capabilities and runs on (includes) or off (excludes)
 * one of these architectures.
 *
 * <p>{@code arches} hold docker's host architecture names ({@code amd64}, {@code arm64}, …), compared
 * with the host's, as docker does; unknown names are kept and simply never match.
 *
 * <p>{@code minKernel} is kept but not evaluated: foxbox needs a kernel newer than any version
 * docker's profile names (4.8), so an {@code includes.minKernel} counts as met and an
 * {@code excludes.minKernel} as excluding.
 */
public record RuleFilter(Set<Capability> caps, List<String> arches, String minKernel) {

    public static final RuleFilter NONE = new RuleFilter(Set.of(), List.of(), null);

    public RuleFilter {
        caps = Set.copyOf(caps);
        arches = List.copyOf(arches);
    }

    public boolean isEmpty() {
        return caps.isEmpty() && arches.isEmpty() && minKernel == null;
    }
}
