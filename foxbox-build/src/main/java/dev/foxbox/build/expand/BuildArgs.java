package dev.foxbox.build.expand;

import dev.foxbox.build.foxfile.Arg;
import dev.foxbox.build.foxfile.Foxfile;
import dev.foxbox.build.foxfile.Instruction;
import dev.foxbox.build.foxfile.OnBuild;
import dev.foxbox.build.foxfile.Stage;
import dev.foxbox.image.model.Platform;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The build arguments of one build: {@code --build-arg} values and the platforms the build runs on
 * and for, from which docker's predefined arguments come.
 *
 * <p>Predefined, as in docker: the proxy arguments ({@link #PROXY_ARGS}) may be given with
 * {@code --build-arg} without an ARG and reach RUN's environment; the platform arguments
 * ({@code TARGETPLATFORM}, {@code TARGETOS}, {@code TARGETARCH}, {@code TARGETVARIANT},
 * {@code BUILDPLATFORM}, {@code BUILDOS}, {@code BUILDARCH}, {@code BUILDVARIANT}) are set
 * automatically, usable in FROM lines, and inside a stage once an ARG names them, as BuildKit
 * has it.
 */
public final class BuildArgs {

    /** The proxy arguments docker predefines, upper and lower case. */
    public static final List<String> PROXY_ARGS = List.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
            "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");

    private final Map<String, String> values;
    private final Map<String, String> automatic;

    private BuildArgs(Map<String, String> values, Platform target, Platform build) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        Map<String, String> auto = new LinkedHashMap<>();
        put(auto, "TARGET", Platform.normalize(target));
        put(auto, "BUILD", Platform.normalize(build));
        this.automatic = Collections.unmodifiableMap(auto);
    }

    /**
     * @param values {@code --build-arg} values by name
     * @param target the platform the image is built for ({@code --platform}, else the host's)
     * @param build  the platform the build runs on (the host's)
     */
    public static BuildArgs of(Map<String, String> values, Platform target, Platform build) {
        return new BuildArgs(values, target, build);
    }

    /** No {@code --build-arg}s, building for this machine. */
    public static BuildArgs none() {
        return of(Map.of(), Platform.host(), Platform.host());
    }

    /**
     * Reads {@code --build-arg} options as docker does: {@code NAME=VALUE}, or {@code NAME} alone
     * to take the value from the environment (an argument not in the environment is left out).
     */
    public static Map<String, String> parseOptions(List<String> options, Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String option : options) {
            int eq = option.indexOf('=');
            if (eq == 0) {
                throw new IllegalArgumentException("invalid --build-arg \"" + option + "\": the name is empty");
            }
            if (eq > 0) {
                values.put(option.substring(0, eq), option.substring(eq + 1));
            } else if (environment.containsKey(option)) {
                values.put(option, environment.get(option));
            }
        }
        return values;
    }

    /** The {@code --build-arg} value, or null when none was given. */
    public String provided(String name) {
        return values.get(name);
    }

    /** The platform arguments' values: {@code TARGETPLATFORM=linux/arm64}, {@code TARGETVARIANT=} and so on. */
    public Map<String, String> automatic() {
        return automatic;
    }

    /** The proxy arguments given with {@code --build-arg}, which RUN sees without an ARG. */
    public Map<String, String> proxies() {
        Map<String, String> p = new LinkedHashMap<>();
        for (String name : PROXY_ARGS) {
            if (values.containsKey(name)) {
                p.put(name, values.get(name));
            }
        }
        return Collections.unmodifiableMap(p);
    }

    /**
     * The {@code --build-arg}s no ARG in the Foxfile declares (predefined ones excepted), for
     * docker's warning that they were not consumed.
     */
    public Set<String> unused(Foxfile foxfile) {
        Set<String> declared = new LinkedHashSet<>();
        foxfile.globalArgs().forEach(a -> declare(a, declared));
        for (Stage s : foxfile.stages()) {
            for (Instruction i : s.instructions()) {
                declare(i instanceof OnBuild o ? o.trigger() : i, declared);
            }
        }
        Set<String> unused = new LinkedHashSet<>(values.keySet());
        unused.removeAll(declared);
        unused.removeAll(PROXY_ARGS);
        unused.removeAll(automatic.keySet());
        return Collections.unmodifiableSet(unused);
    }

    private static void declare(Instruction i, Set<String> into) {
        if (i instanceof Arg a) {
            a.declarations().forEach(d -> into.add(d.name()));
        }
    }

    private static void put(Map<String, String> into, String prefix, Platform p) {
        String variant = p.variant() == null ? "" : p.variant();
        into.put(prefix + "PLATFORM", p.os() + "/" + p.architecture() + (variant.isEmpty() ? "" : "/" + variant));
        into.put(prefix + "OS", p.os());
        into.put(prefix + "ARCH", p.architecture());
        into.put(prefix + "VARIANT", variant);
    }
}
