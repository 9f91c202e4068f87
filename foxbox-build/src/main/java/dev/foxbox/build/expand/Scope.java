package dev.foxbox.build.expand;

import dev.foxbox.build.foxfile.Arg;
import dev.foxbox.build.foxfile.Env;
import dev.foxbox.build.foxfile.Foxfile;
import dev.foxbox.build.foxfile.Instruction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables in effect at one step of a build, which is what {@code $x} means there.
 * Immutable: each ENV and ARG gives the next step a new scope.
 *
 * <p>Docker's rules: ENV wins over ARG of the same name; an ARG takes its {@code --build-arg}
 * value, else its default, else (in a stage, without a default) the global ARG of that name or
 * the predefined platform value; an ARG declared without any value is unset. The global scope
 * (for FROM lines) sees the global ARGs and the platform arguments; a stage's scope starts with
 * the base image's environment and sees an ARG only after the ARG instruction. Proxy arguments
 * given with {@code --build-arg} are visible everywhere, after ENV and ARG.
 *
 * <p>How the builder uses it:
 * <pre>
 * Scope global = Scope.global(foxfile, buildArgs);
 * From from = (From) Expansion.apply(stage.from(), global);          // then pull/resolve the base
 * Scope scope = global.stage(baseImageConfig.env());
 * for (Instruction raw : stage.instructions()) {
 *     Instruction step = Expansion.apply(raw, scope);                 // words expanded
 *     ... run step, with scope.environment() for RUN ...
 *     scope = scope.with(step);                                       // ENV and ARG take effect
 * }
 * </pre>
 */
public final class Scope {

    private final Expander expander;
    private final BuildArgs buildArgs;
    private final boolean global;
    /** The global ARGs' values (null: declared without a value); the stage inherits from them. */
    private final Map<String, String> globals;
    private final Map<String, String> env;
    private final Map<String, String> args;

    private Scope(Expander expander, BuildArgs buildArgs, boolean global, Map<String, String> globals,
                  Map<String, String> env, Map<String, String> args) {
        this.expander = expander;
        this.buildArgs = buildArgs;
        this.global = global;
        this.globals = Collections.unmodifiableMap(globals);
        this.env = Collections.unmodifiableMap(env);
        this.args = Collections.unmodifiableMap(args);
    }

    /** The scope of FROM lines: the Foxfile's global ARGs, evaluated in order, and the platform arguments. */
    public static Scope global(Foxfile foxfile, BuildArgs buildArgs) {
        Scope scope = new Scope(new Expander(foxfile.escape()), buildArgs, true, Map.of(), Map.of(), Map.of());
        for (Arg arg : foxfile.globalArgs()) {
            scope = scope.with(Expansion.apply(arg, scope));
        }
        return scope;
    }

    /**
     * A stage's scope before its first instruction.
     *
     * @param imageEnv the base image's environment, {@code NAME=value} entries
     */
    public Scope stage(List<String> imageEnv) {
        Map<String, String> base = new LinkedHashMap<>();
        for (String e : imageEnv) {
            int eq = e.indexOf('=');
            base.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
        }
        return new Scope(expander, buildArgs, false, global ? args : globals, base, new LinkedHashMap<>());
    }

    /** The scope after {@code step} (already expanded): ENV sets variables, ARG declares them. */
    public Scope with(Instruction step) {
        if (step instanceof Env e) {
            Map<String, String> next = new LinkedHashMap<>(env);
            e.variables().forEach(kv -> next.put(kv.getKey(), kv.getValue()));
            return new Scope(expander, buildArgs, global, globals, next, args);
        }
        if (step instanceof Arg a) {
            Map<String, String> next = new LinkedHashMap<>(args);
            for (Arg.Declaration d : a.declarations()) {
                next.put(d.name(), value(d));
            }
            return new Scope(expander, buildArgs, global, globals, env, next);
        }
        return this;
    }

    private String value(Arg.Declaration d) {
        String provided = buildArgs.provided(d.name());
        if (provided != null) {
            return provided;
        }
        if (d.defaultValue() != null) {
            return d.defaultValue();
        }
        if (!global && globals.get(d.name()) != null) {
            return globals.get(d.name());
        }
        return buildArgs.automatic().get(d.name());
    }

    /** The value {@code $name} has here, or null when it is not set. */
    public String lookup(String name) {
        if (env.containsKey(name)) {
            return env.get(name);
        }
        if (args.get(name) != null) {
            return args.get(name);
        }
        if (global && buildArgs.automatic().containsKey(name)) {
            return buildArgs.automatic().get(name);
        }
        return buildArgs.proxies().get(name);
    }

    public Expander expander() {
        return expander;
    }

    /** The environment a RUN step sees: ENV, then ARG values ENV does not hide, then proxy arguments. */
    public List<String> environment() {
        Map<String, String> all = new LinkedHashMap<>(env);
        args.forEach((k, v) -> {
            if (v != null) {
                all.putIfAbsent(k, v);
            }
        });
        buildArgs.proxies().forEach(all::putIfAbsent);
        return entries(all);
    }

    /** The environment the image records: ENV only (ARGs never reach the image). */
    public List<String> imageEnv() {
        return entries(env);
    }

    /** The ARGs declared so far and their values (null: declared, unset). */
    public Map<String, String> args() {
        return args;
    }

    private static List<String> entries(Map<String, String> m) {
        List<String> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(k + "=" + v));
        return List.copyOf(out);
    }
}
