package dev.foxbox.runtime.caps;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The Linux capabilities, numbered as in {@code <linux/capability.h>} (0 … 40).
 *
 * <p>The constants are declared in number order, so {@link #ordinal()} equals {@link #number()}; a
 * test checks both against the kernel header. A box's capability set is an {@code EnumSet} of these,
 * and the same set decides which conditional rules of a seccomp profile apply, as in docker.
 */
public enum Capability {
    CHOWN,
    DAC_OVERRIDE,
    DAC_READ_SEARCH,
    FOWNER,
    FSETID,
    KILL,
    SETGID,
    SETUID,
    SETPCAP,
    LINUX_IMMUTABLE,
    NET_BIND_SERVICE,
    NET_BROADCAST,
    NET_ADMIN,
    NET_RAW,
    IPC_LOCK,
    IPC_OWNER,
    SYS_MODULE,
    SYS_RAWIO,
    SYS_CHROOT,
    SYS_PTRACE,
    SYS_PACCT,
    SYS_ADMIN,
    SYS_BOOT,
    SYS_NICE,
    SYS_RESOURCE,
    SYS_TIME,
    SYS_TTY_CONFIG,
    MKNOD,
    LEASE,
    AUDIT_WRITE,
    AUDIT_CONTROL,
    SETFCAP,
    MAC_OVERRIDE,
    MAC_ADMIN,
    SYSLOG,
    WAKE_ALARM,
    BLOCK_SUSPEND,
    AUDIT_READ,
    PERFMON,
    BPF,
    CHECKPOINT_RESTORE;

    private static final Set<Capability> PODMAN_DEFAULTS = Collections.unmodifiableSet(EnumSet.of(
            CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, NET_BIND_SERVICE,
            SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT));

    /** The kernel's number for this capability, the bit index in the capability sets. */
    public int number() {
        return ordinal();
    }

    /** The name the kernel headers, docker and seccomp profiles use, e.g. {@code CAP_NET_ADMIN}. */
    public String capName() {
        return "CAP_" + name();
    }

    /**
     * Parses {@code NET_ADMIN}, {@code CAP_NET_ADMIN} or either in lower case, as docker's and
     * podman's {@code --cap-add} accept them.
     *
     * @throws IllegalArgumentException naming the bad value, for anything else (including {@code ALL},
     *     which is a set, not a capability: see {@link #all()})
     */
    public static Capability parse(String text) {
        String upper = text.trim().toUpperCase(Locale.ROOT);
        String bare = upper.startsWith("CAP_") ? upper.substring(4) : upper;
        for (Capability c : values()) {
            if (c.name().equals(bare)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown capability \"" + text + "\"");
    }

    /**
     * The 11 capabilities a box keeps unless told otherwise: podman's defaults. Docker's add
     * AUDIT_WRITE, MKNOD and NET_RAW, which a rootless box can use for little but attacks.
     */
    public static Set<Capability> podmanDefaults() {
        return PODMAN_DEFAULTS;
    }

    /** Every capability, for {@code --cap-add ALL} and {@code --privileged}. */
    public static Set<Capability> all() {
        return Collections.unmodifiableSet(EnumSet.allOf(Capability.class));
    }
}
