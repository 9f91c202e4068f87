package dev.foxbox.runtime.seccomp;

import dev.foxbox.runtime.seccomp.BpfInterpreter.SeccompData;

/** Runs a compiled filter on calls named as a program makes them: by ABI, syscall name and arguments. */
final class FilterRunner {

    static final int ALLOW = Action.RET_ALLOW;
    static final int EPERM = Action.Errno.EPERM.returnValue();
    static final int ENOSYS = Action.Errno.ENOSYS.returnValue();
    static final int KILL_THREAD = Action.RET_KILL_THREAD;

    private final BpfInterpreter bpf;

    FilterRunner(CompiledFilter filter) {
        this.bpf = new BpfInterpreter(filter.program());
    }

    /** The filter's answer to {@code name(args…)} made from {@code abi}. */
    int call(ScmpArch abi, String name, long... args) {
        int nr = SyscallTable.of(abi).number(name)
                .orElseThrow(() -> new IllegalArgumentException(abi + " has no " + name));
        return raw(abi.auditArch(), nr, args);
    }

    /** The filter's answer to a raw seccomp_data. */
    int raw(int auditArch, int nr, long... args) {
        return bpf.run(new SeccompData(nr, auditArch, 0x401000L, args));
    }

    /** A return value as a reader wants it: ALLOW, ERRNO(1), TRACE(42), … */
    static String show(int ret) {
        int data = ret & 0xffff;
        return switch (ret & 0xffff0000) {
            case Action.RET_ALLOW -> "ALLOW";
            case Action.RET_KILL_THREAD -> "KILL_THREAD";
            case Action.RET_KILL_PROCESS -> "KILL_PROCESS";
            case Action.RET_TRAP -> "TRAP";
            case Action.RET_LOG -> "LOG";
            case Action.RET_ERRNO -> "ERRNO(" + data + ")";
            case Action.RET_TRACE -> "TRACE(" + data + ")";
            default -> "0x" + Integer.toHexString(ret);
        };
    }
}
