package dev.foxbox.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.foxbox.runtime.seccomp.BpfAssembler.Label;
import dev.foxbox.runtime.seccomp.BpfInterpreter.SeccompData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Layout of jumps, in particular those longer than a conditional jump's 255-instruction reach. */
class BpfAssemblerTest {

    /** jeq nr==7 → far (after {@code gap} filler instructions), else near; near returns 1, far returns 2. */
    private static byte[] program(int gap, boolean farOnTrue) {
        BpfAssembler asm = new BpfAssembler();
        Label far = asm.label();
        Label near = asm.label();
        asm.load(BpfCodegen.OFF_NR);
        asm.jump(BpfAssembler.JMP_JEQ_K, 7, farOnTrue ? far : near, farOnTrue ? near : far);
        asm.bind(near);
        asm.ret(1);
        for (int i = 0; i < gap; i++) {
            asm.load(BpfCodegen.OFF_NR);
        }
        asm.bind(far);
        asm.ret(2);
        return asm.assemble();
    }

    private static int run(byte[] program, int nr) {
        return new BpfInterpreter(program).run(new SeccompData(nr, 0, 0));
    }

    static int jumps(byte[] program) {
        ByteBuffer b = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
        int count = 0;
        for (int i = 0; i < program.length; i += 8) {
            count += b.getShort(i) == BpfAssembler.JMP_JA ? 1 : 0;
        }
        return count;
    }

    @Test
    void shortJumpsStayShort() {
        byte[] p = program(250, true);
        assertEquals(0, jumps(p));
        assertEquals(2, run(p, 7));
        assertEquals(1, run(p, 8));
    }

    @Test
    void jumpsBeyond255GoThroughJa() {
        for (boolean farOnTrue : new boolean[] {true, false}) {
            for (int gap : new int[] {253, 254, 255, 256, 300, 1000, 3000}) {
                // The jump lands gap + 1 instructions ahead: 255 is the longest a jeq can reach.
                byte[] p = program(gap, farOnTrue);
                assertEquals(gap + 1 > 255 ? 1 : 0, jumps(p), "gap " + gap);
                assertEquals(farOnTrue ? 2 : 1, run(p, 7), "gap " + gap);
                assertEquals(farOnTrue ? 1 : 2, run(p, 8), "gap " + gap);
            }
        }
    }

    @Test
    void bothTargetsFar() {
        BpfAssembler asm = new BpfAssembler();
        Label a = asm.label();
        Label b = asm.label();
        asm.load(BpfCodegen.OFF_NR);
        asm.jump(BpfAssembler.JMP_JGT_K, 10, a, b);
        for (int i = 0; i < 400; i++) {
            asm.load(BpfCodegen.OFF_NR);
        }
        asm.ret(0);
        asm.bind(a);
        asm.ret(11);
        for (int i = 0; i < 400; i++) {
            asm.load(BpfCodegen.OFF_NR);
        }
        asm.bind(b);
        asm.ret(22);
        byte[] p = asm.assemble();
        assertEquals(2, jumps(p));
        assertEquals(11, run(p, 11));
        assertEquals(22, run(p, 10));
    }

    @Test
    void backwardJumpsAreRefused() {
        BpfAssembler asm = new BpfAssembler();
        Label start = asm.label();
        asm.bind(start);
        asm.load(0);
        asm.jump(BpfAssembler.JMP_JEQ_K, 1, start, null);
        asm.ret(0);
        assertThrows(IllegalStateException.class, asm::assemble);
    }
}
