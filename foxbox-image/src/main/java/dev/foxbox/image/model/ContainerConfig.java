package dev.foxbox.image.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Collections;

/**
 * The {@code config} part of an image config: the defaults a box starts with.
 *
 * <p>A null {@code entrypoint}, {@code cmd} or {@code shell} means "not set", which differs from
 * an empty list in Docker's semantics ({@code ENTRYPOINT []} clears an inherited one).
 */
public record ContainerConfig(
        String user,
        Set<String> exposedPorts,
        List<String> env,
        List<String> entrypoint,
        List<String> cmd,
        Set<String> volumes,
        String workingDir,
        Map<String, String> labels,
        String stopSignal,
        Healthcheck healthcheck,
        List<String> onBuild,
        List<String> shell,
        boolean argsEscaped) {

    public static final ContainerConfig EMPTY =
            new ContainerConfig(null, Set.of(), List.of(), null, null, Set.of(), null, Map.of(), null, null, List.of(), null, false);

    public ContainerConfig {
        exposedPorts = exposedPorts == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(exposedPorts));
        env = env == null ? List.of() : List.copyOf(env);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        cmd = cmd == null ? null : List.copyOf(cmd);
        volumes = volumes == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(volumes));
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
        onBuild = onBuild == null ? List.of() : List.copyOf(onBuild);
        shell = shell == null ? null : List.copyOf(shell);
    }

    /** Docker's HEALTHCHECK settings, kept so images round-trip; foxbox does not run checks yet. */
    public record Healthcheck(List<String> test, Duration interval, Duration timeout, Duration startPeriod,
                              Duration startInterval, int retries) {
        public Healthcheck {
            test = test == null ? List.of() : List.copyOf(test);
        }
    }

    public ContainerConfig withEntrypoint(List<String> value) {
        return new ContainerConfig(user, exposedPorts, env, value, cmd, volumes, workingDir, labels, stopSignal,
                healthcheck, onBuild, shell, argsEscaped);
    }

    public ContainerConfig withCmd(List<String> value) {
        return new ContainerConfig(user, exposedPorts, env, entrypoint, value, volumes, workingDir, labels, stopSignal,
                healthcheck, onBuild, shell, argsEscaped);
    }

    public ContainerConfig withEnv(List<String> value) {
        return new ContainerConfig(user, exposedPorts, value, entrypoint, cmd, volumes, workingDir, labels, stopSignal,
                healthcheck, onBuild, shell, argsEscaped);
    }

    public ContainerConfig withWorkingDir(String value) {
        return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, value, labels, stopSignal,
                healthcheck, onBuild, shell, argsEscaped);
    }

    public ContainerConfig withUser(String value) {
        return new ContainerConfig(value, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal,
                healthcheck, onBuild, shell, argsEscaped);
    }

    public ContainerConfig withLabels(Map<String, String> value) {
        return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, value, stopSignal,
                healthcheck, onBuild, shell, argsEscaped);
    }

    public ContainerConfig withExposedPorts(Set<String> value) {
        return new ContainerConfig(user, value, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal,
                healthcheck, onBuild, shell, argsEscaped);
    }

    public ContainerConfig withVolumes(Set<String> value) {
        return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, value, workingDir, labels, stopSignal,
                healthcheck, onBuild, shell, argsEscaped);
    }

    public ContainerConfig withStopSignal(String value) {
        return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, value,
                healthcheck, onBuild, shell, argsEscaped);
    }

    public ContainerConfig withHealthcheck(Healthcheck value) {
        return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal,
                value, onBuild, shell, argsEscaped);
    }

    public ContainerConfig withOnBuild(List<String> value) {
        return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal,
                healthcheck, value, shell, argsEscaped);
    }

    public ContainerConfig withShell(List<String> value) {
        return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal,
                healthcheck, onBuild, value, argsEscaped);
    }
}
