package dev.foxbox.runtime.box;

import dev.foxbox.image.model.Digest;
import dev.foxbox.image.store.AtomicFiles;
import dev.foxbox.runtime.caps.Capability;
import dev.foxbox.runtime.seccomp.Arch;
import dev.foxbox.runtime.seccomp.CompiledFilter;
import dev.foxbox.runtime.seccomp.InvalidProfileException;
import dev.foxbox.runtime.seccomp.SeccompPolicy;
import dev.foxbox.runtime.seccomp.SeccompProfiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Which seccomp filter a box gets: docker's default, the user's profile, or none. Compiled
 * filters are kept under the data root, keyed by the profile's bytes, the architecture and the
 * capabilities, so a box start reads a few kilobytes instead of compiling a profile.
 */
final class Seccomp {

    private Seccomp() {}

    static BoxPlanner.SeccompChoice choose(BoxSpec spec, Set<Capability> caps, Path cacheDir) throws IOException {
        if (spec.privileged() || spec.seccomp() == BoxSpec.Seccomp.UNCONFINED) {
            return null;
        }
        // The default profile is known by its digest; a user's by its bytes.
        byte[] profile = spec.seccomp() == BoxSpec.Seccomp.DEFAULT
                ? SeccompProfiles.DOCKER_DEFAULT_SHA256.getBytes(StandardCharsets.US_ASCII)
                : Files.readAllBytes(spec.seccompProfile());
        Arch arch = Arch.host();
        ByteArrayOutputStream key = new ByteArrayOutputStream();
        key.write(profile);
        key.write(("\n" + arch + "\n" + Long.toHexString(BoxPlanner.mask(caps))).getBytes(StandardCharsets.UTF_8));
        Path cached = cacheDir.resolve(Digest.sha256(key.toByteArray()).hex());
        BoxPlanner.SeccompChoice hit = read(cached);
        if (hit != null) {
            return hit;
        }
        BoxPlanner.SeccompChoice choice = compile(spec, caps, arch);
        if (choice != null) {
            String meta = choice.rules() + " " + choice.flags() + " " + choice.defaultAction() + "\n";
            AtomicFiles.write(cached.resolveSibling(cached.getFileName() + ".bpf"), choice.program(), cacheDir);
            AtomicFiles.write(cached.resolveSibling(cached.getFileName() + ".meta"), meta.getBytes(StandardCharsets.UTF_8), cacheDir);
        }
        return choice;
    }

    private static BoxPlanner.SeccompChoice compile(BoxSpec spec, Set<Capability> caps, Arch arch) throws IOException {
        try {
            SeccompPolicy policy = spec.seccomp() == BoxSpec.Seccomp.DEFAULT ? SeccompPolicy.defaultPolicy()
                    : SeccompPolicy.fromSecurityOpt(spec.seccompProfile().toString());
            Optional<CompiledFilter> filter = policy.compile(arch, caps, spec.privileged());
            return filter.map(f -> new BoxPlanner.SeccompChoice(f.program(), f.rules(), f.defaultAction(), f.flags()))
                    .orElse(null);
        } catch (InvalidProfileException e) {
            throw new IllegalArgumentException("seccomp profile " + e.getMessage(), e);
        }
    }

    private static BoxPlanner.SeccompChoice read(Path cached) throws IOException {
        try {
            String[] meta = Files.readString(cached.resolveSibling(cached.getFileName() + ".meta")).strip().split(" ", 3);
            byte[] program = Files.readAllBytes(cached.resolveSibling(cached.getFileName() + ".bpf"));
            if (meta.length != 3 || program.length == 0 || program.length % 8 != 0) {
                return null;
            }
            return new BoxPlanner.SeccompChoice(program, Integer.parseInt(meta[0]), meta[2], Integer.parseInt(meta[1]));
        } catch (NoSuchFileException | NumberFormatException e) {
            return null;
        }
    }
}
