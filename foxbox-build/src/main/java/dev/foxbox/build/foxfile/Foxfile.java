package dev.foxbox.build.foxfile;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed Foxfile: what the builder needs before it runs anything.
 *
 * @param file       the name errors use, as the user gave it
 * @param escape     the escape character ({@code \}, or a backtick after {@code # escape=`}),
 *                   which variable expansion also uses
 * @param syntax     the {@code # syntax=} directive's value, or null; recorded, not acted on
 * @param globalArgs the ARG instructions before the first FROM, whose values FROM lines may use
 * @param stages     at least one
 * @param warnings   things docker accepts but warns about (empty continuation lines), one line each
 */
public record Foxfile(String file, char escape, String syntax, List<Arg> globalArgs, List<Stage> stages,
                      List<String> warnings) {

    public Foxfile {
        globalArgs = List.copyOf(globalArgs);
        stages = List.copyOf(stages);
        warnings = List.copyOf(warnings);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a Foxfile has at least one stage");
        }
    }

    /** The stage {@code --target} names: by name (any case) or by index. */
    public Optional<Stage> stage(String nameOrIndex) {
        String name = nameOrIndex.toLowerCase(Locale.ROOT);
        for (Stage s : stages) {
            if (name.equals(s.name())) {
                return Optional.of(s);
            }
        }
        if (name.matches("[0-9]{1,9}")) {
            int i = Integer.parseInt(name);
            if (i < stages.size()) {
                return Optional.of(stages.get(i));
            }
        }
        return Optional.empty();
    }

    /** The stage a build without {@code --target} produces. */
    public Stage lastStage() {
        return stages.get(stages.size() - 1);
    }
}
