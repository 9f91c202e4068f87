package dev.foxbox.runtime.seccomp;

/**
 * How an argument rule compares a system call argument, with the names of docker's profile format.
 * All comparisons are unsigned, over the whole 64-bit argument (see {@link ArgCondition}).
 */
public enum ArgOp {
    NE("SCMP_CMP_NE"),
    LT("SCMP_CMP_LT"),
    LE("SCMP_CMP_LE"),
    EQ("SCMP_CMP_EQ"),
    GE("SCMP_CMP_GE"),
    GT("SCMP_CMP_GT"),
    /** {@code (arg & value) == valueTwo}: value is the mask. */
    MASKED_EQ("SCMP_CMP_MASKED_EQ");

    private final String scmpName;

    ArgOp(String scmpName) {
        this.scmpName = scmpName;
    }

    public String scmpName() {
        return scmpName;
    }

    /** The operator named {@code name} in a profile, or null. */
    static ArgOp byScmpName(String name) {
        for (ArgOp op : values()) {
            if (op.scmpName.equals(name)) {
                return op;
            }
        }
        return null;
    }

    /** Whether {@code arg} passes, for values and arguments read as unsigned 64-bit numbers. */
    public boolean test(long arg, long value, long valueTwo) {
        return switch (this) {
            case NE -> arg != value;
            case LT -> Long.compareUnsigned(arg, value) < 0;
            case LE -> Long.compareUnsigned(arg, value) <= 0;
            case EQ -> arg == value;
            case GE -> Long.compareUnsigned(arg, value) >= 0;
            case GT -> Long.compareUnsigned(arg, value) > 0;
            case MASKED_EQ -> (arg & value) == valueTwo;
        };
    }
}
