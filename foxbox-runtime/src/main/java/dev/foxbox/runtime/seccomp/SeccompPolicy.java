package dev.foxbox.runtime.seccomp;

import dev.foxbox.runtime.caps.Capability;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * A box's seccomp setting, as {@code --security-opt seccomp=…} and {@code --privileged} make it:
 * the default profile, a profile file, or none.
 *
 * <p>As in docker, {@code --privileged} means no filter even when a profile was given, and a profile
 * with neither a default action nor rules means none too.
 */
public sealed interface SeccompPolicy {

    /** No filter: {@code seccomp=unconfined}. */
    record Unconfined() implements SeccompPolicy {}

    /** A profile; {@code source} names it in messages ("default" or the file's path). */
    record Confined(SeccompProfile profile, String source) implements SeccompPolicy {}

    /** The policy of a box started without {@code --security-opt seccomp=…}. */
    static SeccompPolicy defaultPolicy() {
        return new Confined(SeccompProfiles.dockerDefault(), "default");
    }

    /**
     * The policy {@code --security-opt seccomp=VALUE} asks for: {@code unconfined}, or the path of a
     * profile in docker's JSON format, read now so that errors show before the box starts.
     */
    static SeccompPolicy fromSecurityOpt(String value) throws IOException, InvalidProfileException {
        if (value.equals("unconfined")) {
            return new Unconfined();
        }
        if (value.isEmpty()) {
            throw new InvalidProfileException("seccomp= needs \"unconfined\" or the path of a profile");
        }
        SeccompProfile profile = SeccompProfiles.parse(Path.of(value));
        return profile.allowsEverything() ? new Unconfined() : new Confined(profile, value);
    }

    /**
     * The filter for a box with these capabilities on this host, or empty when it runs without one.
     *
     * @throws InvalidProfileException naming the profile, when its program is too long for the kernel
     */
    default Optional<CompiledFilter> compile(Arch arch, Set<Capability> caps, boolean privileged)
            throws InvalidProfileException {
        if (privileged || !(this instanceof Confined confined)) {
            return Optional.empty();
        }
        try {
            return Optional.of(SeccompCompiler.compile(confined.profile(), arch, caps));
        } catch (InvalidProfileException e) {
            throw new InvalidProfileException(confined.source() + ": " + e.getMessage());
        }
    }
}
