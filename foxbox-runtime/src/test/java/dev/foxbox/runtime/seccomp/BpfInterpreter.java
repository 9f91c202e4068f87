package dev.foxbox.runtime.seccomp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A classic-BPF interpreter for seccomp filters, to test programs without installing them.
 *
 * <p>It first checks a program the way the kernel does before accepting it (bpf_check_classic and
 * seccomp_check_filter): 1 to 4096 instructions, only the opcodes seccomp allows, loads of aligned
 * words inside {@code struct seccomp_data}, jumps that land inside the program, no division by a
 * constant zero, and a return at the end. Then it runs the program on a synthetic seccomp_data.
 */
final class BpfInterpreter {

    /** struct seccomp_data: nr, arch, instruction_pointer, args[6]; 64 bytes. */
    record SeccompData(int nr, int arch, long instructionPointer, long... args) {
        SeccompData {
            long[] six = new long[6];
            System.arraycopy(args, 0, six, 0, Math.min(args.length, 6));
            args = six;
        }

        int word(int offset) {
            ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(nr).putInt(arch).putLong(instructionPointer);
            for (long a : args) {
                b.putLong(a);
            }
            return b.getInt(offset);
        }
    }

    private static final int SIZEOF_DATA = 64;
    private static final int MEM_WORDS = 16;

    private final short[] code;
    private final int[] jt;
    private final int[] jf;
    private final int[] k;

    BpfInterpreter(byte[] program) {
        if (program.length % 8 != 0) {
            throw new IllegalArgumentException("program length " + program.length + " is not a multiple of 8");
        }
        int n = program.length / 8;
        code = new short[n];
        jt = new int[n];
        jf = new int[n];
        k = new int[n];
        ByteBuffer b = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            code[i] = b.getShort();
            jt[i] = b.get() & 0xff;
            jf[i] = b.get() & 0xff;
            k[i] = b.getInt();
        }
        check();
    }

    int length() {
        return code.length;
    }

    private void check() {
        int n = code.length;
        if (n == 0 || n > 4096) {
            throw new IllegalArgumentException("program has " + n + " instructions");
        }
        for (int pc = 0; pc < n; pc++) {
            int c = code[pc] & 0xffff;
            int cls = c & 0x07;
            switch (c) {
                case 0x20 -> { // ld [k]
                    if ((k[pc] & 3) != 0 || Integer.compareUnsigned(k[pc], SIZEOF_DATA) >= 0) {
                        throw bad(pc, "load of offset " + k[pc] + " outside seccomp_data or unaligned");
                    }
                }
                case 0x80, 0x81, 0x00, 0x01, 0x06, 0x16, 0x07, 0x87 -> { } // len, imm, ret, tax, txa
                case 0x60, 0x61, 0x02, 0x03 -> { // mem loads and stores
                    if (Integer.compareUnsigned(k[pc], MEM_WORDS) >= 0) {
                        throw bad(pc, "scratch memory index " + k[pc]);
                    }
                }
                default -> {
                    if (cls == 0x04) { // alu
                        int op = c & 0xf0;
                        if (op > 0xa0) {
                            throw bad(pc, "unknown alu op");
                        }
                        if ((op == 0x30 || op == 0x90) && (c & 0x08) == 0 && k[pc] == 0) {
                            throw bad(pc, "division by zero");
                        }
                    } else if (cls == 0x05) { // jmp
                        int op = c & 0xf0;
                        if (op == 0x00) {
                            if (Integer.toUnsignedLong(k[pc]) >= n - pc - 1) {
                                throw bad(pc, "ja out of the program");
                            }
                        } else if (op <= 0x40) {
                            if (pc + 1 + jt[pc] >= n || pc + 1 + jf[pc] >= n) {
                                throw bad(pc, "conditional jump out of the program");
                            }
                        } else {
                            throw bad(pc, "unknown jump");
                        }
                    } else {
                        throw bad(pc, "opcode 0x" + Integer.toHexString(c) + " is not allowed in seccomp filters");
                    }
                }
            }
        }
        int last = code[n - 1] & 0xffff;
        if (last != 0x06 && last != 0x16) {
            throw new IllegalArgumentException("program does not end with a return");
        }
    }

    private static IllegalArgumentException bad(int pc, String why) {
        return new IllegalArgumentException("instruction " + pc + ": " + why);
    }

    /** The filter's return value for this call. */
    int run(SeccompData data) {
        int a = 0;
        int x = 0;
        int[] mem = new int[MEM_WORDS];
        int pc = 0;
        while (true) {
            int c = code[pc] & 0xffff;
            int kk = k[pc];
            switch (c & 0x07) {
                case 0x00 -> a = switch (c) {
                    case 0x20 -> data.word(kk);
                    case 0x80 -> SIZEOF_DATA;
                    case 0x00 -> kk;
                    default -> mem[kk]; // 0x60
                };
                case 0x01 -> x = switch (c) {
                    case 0x81 -> SIZEOF_DATA;
                    case 0x01 -> kk;
                    default -> mem[kk]; // 0x61
                };
                case 0x02 -> mem[kk] = a;
                case 0x03 -> mem[kk] = x;
                case 0x04 -> a = alu(c, a, (c & 0x08) != 0 ? x : kk);
                case 0x05 -> {
                    int operand = (c & 0x08) != 0 ? x : kk;
                    int op = c & 0xf0;
                    if (op == 0x00) {
                        pc += kk;
                    } else {
                        boolean taken = switch (op) {
                            case 0x10 -> a == operand;
                            case 0x20 -> Integer.compareUnsigned(a, operand) > 0;
                            case 0x30 -> Integer.compareUnsigned(a, operand) >= 0;
                            default -> (a & operand) != 0; // 0x40 jset
                        };
                        pc += taken ? jt[pc] : jf[pc];
                    }
                }
                case 0x06 -> {
                    return (c & 0x18) == 0x10 ? a : kk;
                }
                default -> {
                    if (c == 0x07) {
                        x = a;
                    } else {
                        a = x;
                    }
                }
            }
            pc++;
        }
    }

    private static int alu(int c, int a, int operand) {
        return switch (c & 0xf0) {
            case 0x00 -> a + operand;
            case 0x10 -> a - operand;
            case 0x20 -> a * operand;
            case 0x30 -> Integer.divideUnsigned(a, operand);
            case 0x40 -> a | operand;
            case 0x50 -> a & operand;
            case 0x60 -> a << operand;
            case 0x70 -> a >>> operand;
            case 0x80 -> -a;
            case 0x90 -> Integer.remainderUnsigned(a, operand);
            default -> a ^ operand; // 0xa0
        };
    }
}
