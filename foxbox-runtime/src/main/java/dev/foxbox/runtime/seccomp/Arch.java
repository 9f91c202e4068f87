package dev.foxbox.runtime.seccomp;

import java.util.List;
import java.util.Locale;

/**
 * A host architecture foxbox compiles filters for, with the ABIs its kernel can run: an x86_64
 * kernel also runs i386 and x32 programs, an aarch64 kernel 32-bit arm ones. A filter that does not
 * check those ABIs would let a program bypass it by switching ABI, so the architecture check comes
 * first in every program.
 */
public enum Arch {
    X86_64(ScmpArch.X86_64, List.of(ScmpArch.X86, ScmpArch.X32), "amd64"),
    AARCH64(ScmpArch.AARCH64, List.of(ScmpArch.ARM), "arm64");

    private final ScmpArch nativeAbi;
    private final List<ScmpArch> compatAbis;
    private final String dockerName;

    Arch(ScmpArch nativeAbi, List<ScmpArch> compatAbis, String dockerName) {
        this.nativeAbi = nativeAbi;
        this.compatAbis = compatAbis;
        this.dockerName = dockerName;
    }

    /** The ABI of native programs. */
    public ScmpArch nativeAbi() {
        return nativeAbi;
    }

    /** The other ABIs this kernel may run, which a profile's archMap may add to the filter. */
    public List<ScmpArch> compatAbis() {
        return compatAbis;
    }

    /** The name docker's profile rules use in {@code includes.arches}, e.g. {@code amd64}. */
    public String dockerName() {
        return dockerName;
    }

    /** Whether a filter for this host can check {@code abi} (it is native or compat here). */
    public boolean runs(ScmpArch abi) {
        return abi == nativeAbi || compatAbis.contains(abi);
    }

    /** The architecture of the JVM's host, from {@code os.arch}. */
    public static Arch host() {
        return fromOsArch(System.getProperty("os.arch", ""));
    }

    static Arch fromOsArch(String osArch) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> X86_64;
            case "aarch64", "arm64" -> AARCH64;
            default -> throw new IllegalStateException("no seccomp support for host architecture '" + osArch
                    + "': foxbox compiles filters for x86_64 and aarch64");
        };
    }
}
