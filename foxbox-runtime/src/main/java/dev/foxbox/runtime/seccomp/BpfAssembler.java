package dev.foxbox.runtime.seccomp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes classic BPF with symbolic labels and lays it out, so the code generator never counts
 * instructions.
 *
 * <p>Classic BPF jumps only forward, and a conditional jump's two targets are 8-bit offsets: at most
 * 255 instructions ahead. A filter for hundreds of calls has longer jumps than that, so layout is
 * done by relaxation: every conditional jump starts short; one whose target is out of reach gets a
 * {@code ja} (32-bit offset) placed right after it, and its offset points at that {@code ja}
 * instead. Adding those moves later code, so layout repeats until nothing changes; a jump once made
 * long stays long, so this ends.
 */
final class BpfAssembler {

    static final int LD_W_ABS = 0x20;
    static final int ALU_AND_K = 0x54;
    static final int JMP_JA = 0x05;
    static final int JMP_JEQ_K = 0x15;
    static final int JMP_JGT_K = 0x25;
    static final int JMP_JGE_K = 0x35;
    static final int JMP_JSET_K = 0x45;
    static final int RET_K = 0x06;

    /** The longest offset a conditional jump can hold. */
    static final int MAX_SHORT_JUMP = 255;

    /** A place in the program, bound to the next instruction written after {@link #bind}. */
    static final class Label {
        private int at = -1;
    }

    /** jt/jf null means the next instruction; target is for ja. */
    private record Insn(int code, int k, Label jt, Label jf) {
        boolean conditional() {
            return (code & 0x07) == 0x05 && code != JMP_JA;
        }
    }

    private final List<Insn> insns = new ArrayList<>();

    Label label() {
        return new Label();
    }

    void bind(Label label) {
        if (label.at >= 0) {
            throw new IllegalStateException("label bound twice");
        }
        label.at = insns.size();
    }

    /** A = the 32-bit word at {@code offset} in seccomp_data. */
    void load(int offset) {
        insns.add(new Insn(LD_W_ABS, offset, null, null));
    }

    /** A &= mask. */
    void and(int mask) {
        insns.add(new Insn(ALU_AND_K, mask, null, null));
    }

    /** If {@code A op k} go to {@code ifTrue}, else to {@code ifFalse}; null for either means the next instruction. */
    void jump(int op, int k, Label ifTrue, Label ifFalse) {
        insns.add(new Insn(op, k, ifTrue, ifFalse));
    }

    void goTo(Label target) {
        insns.add(new Insn(JMP_JA, 0, target, null));
    }

    void ret(int value) {
        insns.add(new Insn(RET_K, value, null, null));
    }

    /** Lays the program out and encodes it as {@code struct sock_filter[]}, little-endian. */
    byte[] assemble() {
        int n = insns.size();
        boolean[] longTrue = new boolean[n];
        boolean[] longFalse = new boolean[n];
        int[] pos = new int[n + 1];
        boolean changed = true;
        while (changed) {
            changed = false;
            layout(longTrue, longFalse, pos);
            for (int i = 0; i < n; i++) {
                Insn insn = insns.get(i);
                if (!insn.conditional()) {
                    continue;
                }
                if (!longTrue[i] && distance(pos, i, target(insn.jt, i)) > MAX_SHORT_JUMP) {
                    longTrue[i] = changed = true;
                }
                if (!longFalse[i] && distance(pos, i, target(insn.jf, i)) > MAX_SHORT_JUMP) {
                    longFalse[i] = changed = true;
                }
            }
        }
        ByteBuffer out = ByteBuffer.allocate(pos[n] * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            Insn insn = insns.get(i);
            if (insn.code == JMP_JA) {
                put(out, JMP_JA, 0, 0, distance(pos, i, target(insn.jt, i)));
            } else if (insn.conditional()) {
                int slot = 0;
                int jt = longTrue[i] ? slot++ : distance(pos, i, target(insn.jt, i));
                int jf = longFalse[i] ? slot : distance(pos, i, target(insn.jf, i));
                put(out, insn.code, jt, jf, insn.k);
                if (longTrue[i]) {
                    put(out, JMP_JA, 0, 0, pos[target(insn.jt, i)] - (pos[i] + 2));
                }
                if (longFalse[i]) {
                    put(out, JMP_JA, 0, 0, pos[target(insn.jf, i)] - (pos[i] + 2 + (longTrue[i] ? 1 : 0)));
                }
            } else {
                put(out, insn.code, 0, 0, insn.k);
            }
        }
        return out.array();
    }

    private void layout(boolean[] longTrue, boolean[] longFalse, int[] pos) {
        for (int i = 0; i < insns.size(); i++) {
            pos[i + 1] = pos[i] + 1 + (longTrue[i] ? 1 : 0) + (longFalse[i] ? 1 : 0);
        }
    }

    /** The instruction index a jump from {@code from} lands on. */
    private int target(Label label, int from) {
        if (label == null) {
            return from + 1;
        }
        if (label.at < 0) {
            throw new IllegalStateException("jump to a label that was never bound");
        }
        if (label.at <= from || label.at >= insns.size()) {
            throw new IllegalStateException("jump from " + from + " to " + label.at + " is not forward into the program");
        }
        return label.at;
    }

    /** The offset from instruction {@code from} to {@code to}, counted from the instruction after {@code from}. */
    private static int distance(int[] pos, int from, int to) {
        return pos[to] - (pos[from] + 1);
    }

    private static void put(ByteBuffer out, int code, int jt, int jf, int k) {
        out.putShort((short) code).put((byte) jt).put((byte) jf).putInt(k);
    }
}
