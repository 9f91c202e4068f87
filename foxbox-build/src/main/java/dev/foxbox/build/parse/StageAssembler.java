package dev.foxbox.build.parse;

import dev.foxbox.build.foxfile.Arg;
import dev.foxbox.build.foxfile.Foxfile;
import dev.foxbox.build.foxfile.From;
import dev.foxbox.build.foxfile.Instruction;
import dev.foxbox.build.foxfile.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups instructions into stages, as BuildKit's {@code instructions.Parse} does: ARGs before the
 * first FROM are global, anything else before it is an error, and each FROM begins a stage.
 */
final class StageAssembler {

    private final List<Arg> globalArgs = new ArrayList<>();
    private final List<Stage> stages = new ArrayList<>();
    private final Map<String, From> names = new HashMap<>();
    private From from;
    private final List<Instruction> current = new ArrayList<>();

    /** Adds the next instruction; {@code line} is where it came from, for errors. */
    void add(Instruction instruction, LogicalLine line) {
        if (instruction instanceof From f) {
            finishStage();
            if (f.stageName() != null && names.putIfAbsent(f.stageName(), f) != null) {
                From first = names.get(f.stageName());
                throw line.error(0, "duplicate stage name \"" + f.stageName() + "\" (first named on line "
                        + first.location().line() + ")");
            }
            from = f;
            return;
        }
        if (from == null) {
            if (instruction instanceof Arg a) {
                globalArgs.add(a);
                return;
            }
            throw line.error(0, instruction.keyword() + " before the first FROM: only ARG may come before FROM");
        }
        current.add(instruction);
    }

    /** The Foxfile; {@code source} answers for a file with no FROM at all. */
    Foxfile finish(SourceText source, char escape, String syntax, List<String> warnings, boolean anyInstruction) {
        finishStage();
        if (stages.isEmpty()) {
            String reason = anyInstruction ? "no FROM instruction: a Foxfile needs at least one FROM"
                    : "file with no instructions";
            throw source.error(1, 1, reason);
        }
        return new Foxfile(source.file(), escape, syntax, globalArgs, stages, warnings);
    }

    private void finishStage() {
        if (from != null) {
            stages.add(new Stage(from.stageName(), stages.size(), from, current));
            current.clear();
        }
    }
}
