package dev.foxbox.runtime.seccomp;

/**
 * The architectures a seccomp profile can name ({@code SCMP_ARCH_*}, libseccomp's list).
 *
 * <p>Only the ABIs an x86_64 or aarch64 host can run have an audit architecture and a syscall table
 * here; the others parse (docker's own profile lists them) but never reach a filter, since a kernel
 * only ever reports its own ABIs in {@code seccomp_data.arch}.
 */
public enum ScmpArch {
    X86(0x40000003, false),
    X86_64(0xc000003e, true),
    /** x32 shares x86_64's audit arch; its syscall numbers carry {@link #X32_SYSCALL_BIT}. */
    X32(0xc000003e, true),
    ARM(0x40000028, false),
    AARCH64(0xc00000b7, true),
    LOONGARCH64,
    M68K,
    MIPS,
    MIPS64,
    MIPS64N32,
    MIPSEL,
    MIPSEL64,
    MIPSEL64N32,
    PARISC,
    PARISC64,
    PPC,
    PPC64,
    PPC64LE,
    RISCV64,
    S390,
    S390X,
    SH,
    SHEB;

    /** Set in every x32 syscall number (__X32_SYSCALL_BIT). */
    public static final int X32_SYSCALL_BIT = 0x40000000;

    private final int auditArch;
    private final boolean wideArgs;

    ScmpArch(int auditArch, boolean wideArgs) {
        this.auditArch = auditArch;
        this.wideArgs = wideArgs;
    }

    ScmpArch() {
        this(0, false);
    }

    /** The AUDIT_ARCH_* value the kernel puts in {@code seccomp_data.arch}; 0 where unsupported. */
    public int auditArch() {
        return auditArch;
    }

    /** Whether foxbox can compile rules for this ABI (it has its syscall table). */
    public boolean supported() {
        return auditArch != 0;
    }

    /** Whether system call arguments are 64 bits wide, so both halves of seccomp_data.args[i] count. */
    boolean wideArgs() {
        return wideArgs;
    }

    /** The profile's name, e.g. {@code SCMP_ARCH_X86_64}. */
    public String scmpName() {
        return "SCMP_ARCH_" + name();
    }

    /** The architecture named {@code name} in a profile, or null. */
    static ScmpArch byScmpName(String name) {
        for (ScmpArch a : values()) {
            if (a.scmpName().equals(name)) {
                return a;
            }
        }
        return null;
    }
}
