package dev.foxbox.image;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where foxbox keeps its data, and how that directory is laid out:
 * <pre>
 * ROOT/
 *   store/     the image store: an OCI image layout (oci-layout, index.json, blobs/sha256/…)
 *   tmp/       writes in progress; never visible in the store, collected by `system prune`
 *   locks/     lock files that order concurrent foxbox processes
 *   images/    images flattened into root filesystems, one per image (the runtime's cache)
 *   boxes/     one directory per box: its state and its boxfs
 * </pre>
 * The root is {@code --root}, else {@code $FOXBOX_ROOT}, else {@code $XDG_DATA_HOME/foxbox},
 * else {@code ~/.local/share/foxbox}.
 */
public record DataRoot(Path dir) {

    public DataRoot {
        dir = dir.toAbsolutePath().normalize();
    }

    /** Resolves the data root from an explicit option (may be null) and the environment. */
    public static DataRoot resolve(String option, Map<String, String> env) {
        if (option != null && !option.isEmpty()) {
            return new DataRoot(Path.of(option));
        }
        String fromEnv = env.get("FOXBOX_ROOT");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return new DataRoot(Path.of(fromEnv));
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
            return new DataRoot(Path.of(xdg, "foxbox"));
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return new DataRoot(Path.of(home, ".local", "share", "foxbox"));
    }

    public Path store() {
        return dir.resolve("store");
    }

    public Path tmp() {
        return dir.resolve("tmp");
    }

    public Path locks() {
        return dir.resolve("locks");
    }

    public Path images() {
        return dir.resolve("images");
    }

    public Path boxes() {
        return dir.resolve("boxes");
    }
}
