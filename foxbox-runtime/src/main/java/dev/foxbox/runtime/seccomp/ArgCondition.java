package dev.foxbox.runtime.seccomp;

/**
 * One argument test of a rule: {@code args[index] op value} ({@code valueTwo} is the expected value
 * of {@link ArgOp#MASKED_EQ}). The conditions of one rule must all hold (they are ANDed), as in
 * libseccomp.
 *
 * <p>Values are unsigned 64-bit numbers held in a {@code long}. For 32-bit ABIs (i386, arm) the kernel
 * hands seccomp zero-extended 32-bit arguments, so only the low 32 bits are compared there, as
 * libseccomp does.
 */
public record ArgCondition(int index, long value, long valueTwo, ArgOp op) {

    /** System calls take at most six arguments. */
    public static final int MAX_ARGS = 6;

    public ArgCondition {
        if (index < 0 || index >= MAX_ARGS) {
            throw new IllegalArgumentException("argument index " + index + " is out of range 0.." + (MAX_ARGS - 1));
        }
        if (op == null) {
            throw new IllegalArgumentException("argument rule has no operator");
        }
    }

    public static ArgCondition of(int index, ArgOp op, long value) {
        return new ArgCondition(index, value, 0, op);
    }

    /** Whether this condition holds for an argument value (the reference the BPF must agree with). */
    public boolean test(long arg) {
        return op.test(arg, value, valueTwo);
    }
}
