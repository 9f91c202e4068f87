package dev.foxbox.runtime.seccomp;

import static dev.foxbox.runtime.seccomp.BpfAssembler.JMP_JEQ_K;
import static dev.foxbox.runtime.seccomp.BpfAssembler.JMP_JGE_K;
import static dev.foxbox.runtime.seccomp.BpfAssembler.JMP_JGT_K;

import dev.foxbox.runtime.seccomp.BpfAssembler.Label;
import dev.foxbox.runtime.seccomp.FilterPlan.AbiPlan;
import dev.foxbox.runtime.seccomp.FilterPlan.ConditionalRule;
import dev.foxbox.runtime.seccomp.FilterPlan.SyscallPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link FilterPlan} into a classic BPF program over {@code struct seccomp_data}:
 *
 * <pre>
 *   load arch; one jeq per audit arch covered; else return the bad-arch action
 *   per audit arch:
 *     load nr
 *     (x86_64) nr &gt;= 0x40000000 is x32: its own section, or the bad-arch action if not covered
 *     (runc) nr above the highest the profile names: ERRNO(ENOSYS)
 *     binary search over the numbers with a decision, four jeq per leaf, each leaf ending with
 *     the default action and the returns its calls share; calls with argument rules get a block
 *     that tests the arguments and returns
 * </pre>
 *
 * A call's number stays in A through the search; argument blocks load over it, so every block
 * ends in a return. The search keeps a call at about a dozen comparisons where a list of jeq would
 * take hundreds.
 */
final class BpfCodegen {

    static final int OFF_NR = 0;
    static final int OFF_ARCH = 4;
    static final int OFF_ARGS = 16;
    /** Calls per leaf of the search tree: libseccomp's choice, small enough that the jeq chain is cheap. */
    static final int LEAF = 4;

    private final BpfAssembler asm = new BpfAssembler();
    private final FilterPlan plan;

    private BpfCodegen(FilterPlan plan) {
        this.plan = plan;
    }

    static byte[] write(FilterPlan plan) {
        BpfCodegen codegen = new BpfCodegen(plan);
        codegen.program();
        return codegen.asm.assemble();
    }

    private void program() {
        Map<Integer, List<AbiPlan>> byAuditArch = new LinkedHashMap<>();
        for (AbiPlan abi : plan.abis()) {
            byAuditArch.computeIfAbsent(abi.abi().auditArch(), a -> new ArrayList<>()).add(abi);
        }
        Map<Integer, Label> sections = new LinkedHashMap<>();
        asm.load(OFF_ARCH);
        byAuditArch.keySet().forEach(audit -> {
            Label section = asm.label();
            sections.put(audit, section);
            asm.jump(JMP_JEQ_K, audit, section, null);
        });
        asm.ret(plan.badArchAction().returnValue());
        byAuditArch.forEach((audit, abis) -> {
            asm.bind(sections.get(audit));
            asm.load(OFF_NR);
            AbiPlan x32 = abis.stream().filter(a -> a.abi() == ScmpArch.X32).findFirst().orElse(null);
            AbiPlan main = abis.stream().filter(a -> a.abi() != ScmpArch.X32).findFirst().orElseThrow();
            if (main.abi() == ScmpArch.X86_64) {
                x86_64(main, x32);
            } else {
                abi(main);
            }
        });
    }

    /**
     * x32 calls arrive with x86_64's audit arch: only the x32 bit in the number tells them apart.
     * Without an x32 section they get the bad-arch action, as libseccomp gives them.
     */
    private void x86_64(AbiPlan native64, AbiPlan x32) {
        Label x32Calls = asm.label();
        asm.jump(JMP_JGE_K, ScmpArch.X32_SYSCALL_BIT, x32Calls, null);
        abi(native64);
        asm.bind(x32Calls);
        if (x32 == null) {
            asm.ret(plan.badArchAction().returnValue());
        } else {
            asm.load(OFF_NR);
            abi(x32);
        }
    }

    private void abi(AbiPlan abi) {
        if (plan.enosysAboveKnown() && abi.highestNamed() >= 0) {
            Label known = asm.label();
            asm.jump(JMP_JGT_K, abi.highestNamed(), null, known);
            asm.ret(Action.Errno.ENOSYS.returnValue());
            asm.bind(known);
        }
        tree(abi.abi(), abi.syscalls());
    }

    private void tree(ScmpArch abi, List<SyscallPlan> calls) {
        if (calls.size() <= LEAF) {
            leaf(abi, calls);
            return;
        }
        int mid = calls.size() / 2;
        Label upper = asm.label();
        asm.jump(JMP_JGE_K, calls.get(mid).number(), upper, null);
        tree(abi, calls.subList(0, mid));
        asm.bind(upper);
        tree(abi, calls.subList(mid, calls.size()));
    }

    private void leaf(ScmpArch abi, List<SyscallPlan> calls) {
        Map<Action, Label> returns = new LinkedHashMap<>();
        Map<SyscallPlan, Label> blocks = new LinkedHashMap<>();
        for (SyscallPlan call : calls) {
            Label target = call.conditional().isEmpty()
                    ? returns.computeIfAbsent(call.otherwise(), a -> asm.label())
                    : blocks.computeIfAbsent(call, c -> asm.label());
            asm.jump(JMP_JEQ_K, call.number(), target, null);
        }
        asm.ret(plan.defaultAction().returnValue());
        returns.forEach((action, label) -> {
            asm.bind(label);
            asm.ret(action.returnValue());
        });
        blocks.forEach((call, label) -> {
            asm.bind(label);
            block(abi, call);
        });
    }

    /** Tries each argument rule in order; the first whose conditions all hold returns its action. */
    private void block(ScmpArch abi, SyscallPlan call) {
        for (ConditionalRule rule : call.conditional()) {
            Label nextRule = asm.label();
            for (ArgCondition condition : rule.args()) {
                compare(abi, condition, nextRule);
            }
            asm.ret(rule.action().returnValue());
            asm.bind(nextRule);
        }
        asm.ret(call.otherwise().returnValue());
    }

    /**
     * Falls through when the condition holds, else goes to {@code fail}. A 64-bit argument is two
     * words (low at 16+8i, high at 20+8i on little-endian): the high words decide unless equal.
     */
    private void compare(ScmpArch abi, ArgCondition c, Label fail) {
        int lo = OFF_ARGS + 8 * c.index();
        int hi = lo + 4;
        boolean wide = abi.wideArgs();
        Label pass = asm.label();
        int vlo = (int) c.value();
        int vhi = (int) (c.value() >>> 32);
        switch (c.op()) {
            case EQ, NE -> {
                Label onEqual = c.op() == ArgOp.EQ ? pass : fail;
                Label onOther = c.op() == ArgOp.EQ ? fail : pass;
                if (wide) {
                    asm.load(hi);
                    asm.jump(JMP_JEQ_K, vhi, null, onOther);
                }
                asm.load(lo);
                asm.jump(JMP_JEQ_K, vlo, onEqual, onOther);
            }
            case MASKED_EQ -> {
                long mask = c.value();
                long want = c.valueTwo();
                if (wide) {
                    asm.load(hi);
                    asm.and((int) (mask >>> 32));
                    asm.jump(JMP_JEQ_K, (int) (want >>> 32), null, fail);
                }
                asm.load(lo);
                asm.and((int) mask);
                asm.jump(JMP_JEQ_K, (int) want, pass, fail);
            }
            case GT, GE -> {
                if (wide) {
                    asm.load(hi);
                    asm.jump(JMP_JGT_K, vhi, pass, null);
                    asm.jump(JMP_JEQ_K, vhi, null, fail);
                }
                asm.load(lo);
                asm.jump(c.op() == ArgOp.GT ? JMP_JGT_K : JMP_JGE_K, vlo, pass, fail);
            }
            case LT, LE -> {
                if (wide) {
                    asm.load(hi);
                    asm.jump(JMP_JGT_K, vhi, fail, null);
                    asm.jump(JMP_JEQ_K, vhi, null, pass);
                }
                asm.load(lo);
                asm.jump(c.op() == ArgOp.LT ? JMP_JGE_K : JMP_JGT_K, vlo, fail, pass);
            }
        }
        asm.bind(pass);
    }
}
