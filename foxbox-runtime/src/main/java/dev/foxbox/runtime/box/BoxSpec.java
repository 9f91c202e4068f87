package dev.foxbox.runtime.box;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What the user asked for a box: {@code foxbox run}'s options, before anything is decided.
 * Null means "not given" (the image's setting applies); lists are never null.
 */
public record BoxSpec(
        String image,
        List<String> command,
        List<String> entrypoint,
        List<String> env,
        String workdir,
        String user,
        String name,
        String hostname,
        Network network,
        boolean tty,
        boolean interactive,
        boolean init,
        boolean readOnly,
        Set<String> capAdd,
        Set<String> capDrop,
        boolean privileged,
        boolean noNewPrivileges,
        Seccomp seccomp,
        Path seccompProfile,
        List<Ulimit> ulimits,
        boolean trace,
        boolean remove,
        boolean detach) {

    public enum Network { NONE, HOST }

    public enum Seccomp { DEFAULT, UNCONFINED, PROFILE }

    /** {@code --ulimit nofile=1024:2048}. */
    public record Ulimit(String name, long soft, long hard) {}

    public BoxSpec {
        command = command == null ? List.of() : List.copyOf(command);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        env = List.copyOf(env);
        capAdd = Set.copyOf(capAdd);
        capDrop = Set.copyOf(capDrop);
        ulimits = List.copyOf(ulimits);
        network = network == null ? Network.NONE : network;
        seccomp = seccomp == null ? Seccomp.DEFAULT : seccomp;
    }

    /** A spec with defaults everywhere: {@code foxbox run IMAGE COMMAND...}. */
    public static BoxSpec of(String image, List<String> command) {
        return new BoxSpec(image, command, null, List.of(), null, null, null, null, Network.NONE, false, false, false,
                false, Set.of(), Set.of(), false, false, Seccomp.DEFAULT, null, List.of(), false, false, false);
    }
}
