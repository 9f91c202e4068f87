package dev.foxbox.runtime.helper;

import java.nio.file.Path;
import java.util.List;

/**
 * One step the helper's child takes inside the box's new namespaces, in plan order. Paths named
 * {@code target} are inside the box and are resolved there by the helper, never following a
 * symlink out of the box's root. Mount flags are words: {@code "nosuid,nodev,noexec,ro"}.
 * {@link HelperInput} is the one place that turns these into the helper's protocol.
 */
public sealed interface Step {

    /** Mounts the box's root at {@code mountPoint} (fsType "bind" binds {@code source}); later steps work inside it. */
    record Rootfs(String source, Path mountPoint, String fsType, String flags, String data) implements Step {}

    record Mount(String source, String target, String fsType, String flags, String data) implements Step {}

    /** A host file or directory bound into the box; {@code flags} may hold "ro", "rec", "nosuid"… */
    record Bind(Path hostPath, String target, String flags) implements Step {}

    record Mkdir(String target, int mode) implements Step {}

    record Symlink(String linkTarget, String target) implements Step {}

    /** Hidden: /dev/null over a file, an empty read-only tmpfs over a directory. */
    record Mask(String target) implements Step {}

    record ReadOnly(String target) implements Step {}

    /** pivot_root into the root; the old root is detached. */
    record Pivot() implements Step {}

    record RemountRootReadOnly() implements Step {}

    record Hostname(String name) implements Step {}

    record Loopback() implements Step {}

    /** A resource limit; -1 is unlimited. {@code resource} is the kernel's RLIMIT_* number. */
    record Rlimit(int resource, long soft, long hard) implements Step {}

    enum StdioMode { PTY, INHERIT, NULL }

    record Stdio(StdioMode mode) implements Step {}

    record User(long uid, long gid, List<Long> groups) implements Step {
        public User {
            groups = List.copyOf(groups);
        }
    }

    record Chdir(String path) implements Step {}

    record NoNewPrivs() implements Step {}

    /** The capabilities kept in the bounding set, as a bit mask. */
    record Bounding(long keep) implements Step {}

    record Caps(long effective, long permitted, long inheritable, long ambient) implements Step {}

    /** A compiled filter: {@code struct sock_filter[]} bytes for the kernel, and SECCOMP_FILTER_FLAG_* bits. */
    record Seccomp(byte[] program, int rules, String defaultAction, int flags) implements Step {}

    record CloseFds() implements Step {}

    record Env(List<String> variables) implements Step {
        public Env {
            variables = List.copyOf(variables);
        }
    }

    record Exec(List<String> argv) implements Step {
        public Exec {
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("no command to run");
            }
            argv = List.copyOf(argv);
        }
    }
}
