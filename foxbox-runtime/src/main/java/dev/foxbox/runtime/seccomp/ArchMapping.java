package dev.foxbox.runtime.seccomp;

import java.util.List;

/**
 * An {@code archMap} entry of a docker profile: on a host whose native architecture is
 * {@code architecture}, the filter also covers {@code subArchitectures} (x86_64 runs i386 and x32
 * programs; aarch64 runs 32-bit arm ones).
 */
public record ArchMapping(ScmpArch architecture, List<ScmpArch> subArchitectures) {
    public ArchMapping {
        subArchitectures = List.copyOf(subArchitectures);
    }
}
