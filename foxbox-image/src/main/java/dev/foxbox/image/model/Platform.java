package dev.foxbox.image.model;

import java.util.List;
import java.util.Locale;

/**
 * The os/architecture/variant an image is built for, as in {@code linux/arm64/v8}.
 *
 * <p>Architectures use Go's names (amd64, arm64, arm, 386, ppc64le, s390x, riscv64), as the OCI
 * spec does.
 */
public record Platform(String os, String architecture, String variant, String osVersion, List<String> osFeatures) {

    public Platform {
        if (os == null || os.isEmpty() || architecture == null || architecture.isEmpty()) {
            throw new IllegalArgumentException("a platform needs an os and an architecture");
        }
        variant = variant == null || variant.isEmpty() ? null : variant;
        osVersion = osVersion == null || osVersion.isEmpty() ? null : osVersion;
        osFeatures = osFeatures == null ? List.of() : List.copyOf(osFeatures);
    }

    public Platform(String os, String architecture, String variant) {
        this(os, architecture, variant, null, List.of());
    }

    /**
     * Parses {@code os/arch[/variant]}, as {@code --platform} takes it. Architecture aliases are
     * normalized as containerd does: {@code x86_64} → amd64, {@code aarch64} → arm64.
     */
    public static Platform parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()
                || (parts.length == 3 && parts[2].isEmpty())) {
            throw new IllegalArgumentException(
                    "invalid platform '" + text + "': expected os/architecture[/variant], e.g. linux/arm64/v8");
        }
        return normalize(new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null));
    }

    /** The platform this JVM runs on, in OCI terms. */
    public static Platform host() {
        String arch = System.getProperty("os.arch", "amd64");
        String os = System.getProperty("os.name", "linux").toLowerCase(Locale.ROOT);
        return normalize(new Platform(os.startsWith("linux") ? "linux" : os, arch, null));
    }

    /** Aliases to canonical names; arm64's default variant v8 is dropped, as containerd does. */
    public static Platform normalize(Platform p) {
        String arch = switch (p.architecture) {
            case "x86_64", "x86-64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "i386", "i486", "i586", "i686", "x86", "386" -> "386";
            case "armhf", "armel", "aarch32", "arm" -> "arm";
            default -> p.architecture;
        };
        String variant = p.variant;
        if (arch.equals("arm64") && "v8".equals(variant)) {
            variant = null;
        }
        if (arch.equals("amd64") && "v1".equals(variant)) {
            variant = null;
        }
        if (p.architecture.equals("armhf") && variant == null) {
            variant = "v7";
        }
        if (p.architecture.equals("armel") && variant == null) {
            variant = "v6";
        }
        return new Platform(p.os, arch, variant, p.osVersion, p.osFeatures);
    }

    /**
     * Whether an image built for {@code offered} runs here when {@code this} is asked for: same
     * os and architecture, and the variant matches when one was asked for.
     */
    public boolean matches(Platform offered) {
        Platform want = normalize(this);
        Platform have = normalize(offered);
        if (!want.os.equals(have.os) || !want.architecture.equals(have.architecture)) {
            return false;
        }
        return want.variant == null || want.variant.equals(have.variant)
                || (want.architecture.equals("arm") && have.variant == null && want.variant.equals("v7"));
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant != null ? "/" + variant : "");
    }
}
