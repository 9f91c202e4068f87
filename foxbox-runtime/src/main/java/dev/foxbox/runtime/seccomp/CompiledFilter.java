package dev.foxbox.runtime.seccomp;

import java.util.List;

/**
 * A seccomp filter ready for the helper: the program, which the helper installs with
 * seccomp(SECCOMP_SET_MODE_FILTER, flags) as its last step before execve, and the facts --trace
 * prints about it.
 *
 * @param program {@code struct sock_filter[]}, 8 bytes an instruction, little-endian
 * @param instructions the program's length in instructions
 * @param rules the syscall rules in effect for the native ABI
 * @param defaultAction the action for calls no rule decides, e.g. {@code ERRNO(EPERM)}
 * @param unknownSyscalls names in the profile that no covered ABI has, skipped
 * @param abis the ABIs the filter covers, native first
 * @param flags SECCOMP_FILTER_FLAG_* bits the profile asks for (0 for docker's default)
 */
public record CompiledFilter(
        byte[] program,
        int instructions,
        int rules,
        String defaultAction,
        List<String> unknownSyscalls,
        List<ScmpArch> abis,
        int flags) {

    public CompiledFilter {
        program = program.clone();
        unknownSyscalls = List.copyOf(unknownSyscalls);
        abis = List.copyOf(abis);
    }

    /** A copy: the record stays immutable. */
    @Override
    public byte[] program() {
        return program.clone();
    }

    /** One line for --trace, e.g. {@code seccomp: 372 rules, default ERRNO(EPERM), 1873 BPF instructions (x86_64, x86, x32)}. */
    public String summary() {
        StringBuilder line = new StringBuilder("seccomp: ").append(rules).append(" rules, default ")
                .append(defaultAction).append(", ").append(instructions).append(" BPF instructions (");
        line.append(String.join(", ", abis.stream().map(a -> a.name().toLowerCase(java.util.Locale.ROOT)).toList())).append(')');
        if (!unknownSyscalls.isEmpty()) {
            line.append(", ").append(unknownSyscalls.size()).append(" syscall names unknown here skipped");
        }
        return line.toString();
    }
}
