package dev.foxbox.runtime.seccomp;

import dev.foxbox.runtime.caps.Capability;
import java.util.Set;

/**
 * Compiles a seccomp profile for one box into classic BPF: policy in Java, so the C helper only
 * hands the bytes to the kernel.
 *
 * <p>The box's capability set picks the profile's conditional rules (docker gives CAP_SYS_ADMIN
 * boxes clone, unshare and mount, for instance) and the host architecture picks the ABIs the
 * filter covers. {@link FilterPlanner} makes those choices; {@link BpfCodegen} writes the program.
 */
public final class SeccompCompiler {

    /** The kernel's limit on a filter's length (BPF_MAXINSNS). */
    public static final int MAX_INSTRUCTIONS = 4096;

    private SeccompCompiler() {}

    /**
     * @throws InvalidProfileException when the program would be longer than the kernel accepts
     */
    public static CompiledFilter compile(SeccompProfile profile, Arch arch, Set<Capability> caps)
            throws InvalidProfileException {
        FilterPlan plan = FilterPlanner.plan(profile, arch, caps);
        byte[] program = BpfCodegen.write(plan);
        int instructions = program.length / 8;
        if (instructions > MAX_INSTRUCTIONS) {
            throw new InvalidProfileException("the seccomp profile compiles to " + instructions
                    + " BPF instructions for " + arch.name().toLowerCase(java.util.Locale.ROOT)
                    + ", more than the kernel's limit of " + MAX_INSTRUCTIONS);
        }
        int flags = profile.flags().stream().mapToInt(FilterFlag::bit).reduce(0, (a, b) -> a | b);
        return new CompiledFilter(program, instructions, plan.rules(), plan.defaultAction().describe(),
                plan.unknownNames(), plan.abis().stream().map(FilterPlan.AbiPlan::abi).toList(), flags);
    }
}
