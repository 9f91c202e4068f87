package dev.foxbox.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArchTest {

    @Test
    void hostArchitecturesByJavaName() {
        assertEquals(Arch.X86_64, Arch.fromOsArch("amd64"));
        assertEquals(Arch.AARCH64, Arch.fromOsArch("aarch64"));
        assertTrue(assertThrows(IllegalStateException.class, () -> Arch.fromOsArch("ppc64le")).getMessage()
                .contains("'ppc64le'"));
    }

    @Test
    void eachHostCoversItsCompatAbis() {
        assertEquals(List.of(ScmpArch.X86, ScmpArch.X32), Arch.X86_64.compatAbis());
        assertTrue(Arch.AARCH64.runs(ScmpArch.ARM));
        assertTrue(!Arch.AARCH64.runs(ScmpArch.X86));
        for (Arch arch : Arch.values()) {
            assertTrue(arch.nativeAbi().supported());
            arch.compatAbis().forEach(abi -> assertTrue(abi.supported(), abi.name()));
        }
    }

    @Test
    void abisComeFromTheArchMapEntryOfTheHost() {
        SeccompProfile docker = SeccompProfiles.dockerDefault();
        assertEquals(List.of(ScmpArch.X86_64, ScmpArch.X86, ScmpArch.X32), FilterPlanner.abis(docker, Arch.X86_64));
        assertEquals(List.of(ScmpArch.AARCH64, ScmpArch.ARM), FilterPlanner.abis(docker, Arch.AARCH64));
        SeccompProfile flat = new SeccompProfile(Action.ALLOW, List.of(ScmpArch.X86, ScmpArch.S390X, ScmpArch.ARM),
                List.of(), List.of(), java.util.Set.of());
        // The native ABI is always covered (libseccomp adds it); ABIs this host cannot run are dropped.
        assertEquals(List.of(ScmpArch.X86_64, ScmpArch.X86), FilterPlanner.abis(flat, Arch.X86_64));
        assertEquals(List.of(ScmpArch.AARCH64, ScmpArch.ARM), FilterPlanner.abis(flat, Arch.AARCH64));
    }
}
