package dev.foxbox.cli;

import dev.foxbox.runtime.box.BoxNotFoundException;
import dev.foxbox.runtime.box.Boxes;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rm", mixinStandardHelpOptions = true,
        description = "Remove boxes: their files, records and names. A running box needs -f, which kills it.")
final class RmCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--force"}, description = "Kill a running box first.")
    boolean force;

    @Option(names = {"-v", "--volumes"}, description = "Remove the box's anonymous volumes too.")
    boolean volumes;

    @Parameters(arity = "1..*", paramLabel = "BOX", description = "Names or id prefixes.")
    List<String> boxes;

    @Override
    public Integer call() throws Exception {
        Boxes engine = Parent.of(spec).boxes();
        Exception failure = null;
        for (String box : boxes) {
            try {
                spec.commandLine().getOut().println(remove(engine, box));
            } catch (RuntimeException | InterruptedException e) {
                if (failure != null) {
                    spec.commandLine().getErr().println("foxbox: " + ErrorHandler.message(failure));
                }
                failure = e;
            }
        }
        spec.commandLine().getOut().flush();
        if (failure != null) {
            throw failure;
        }
        return 0;
    }

    /** Removes one box; with -f, a whole id also names what a cut-short removal left (a --rm box's monitor asks for that). */
    private String remove(Boxes engine, String box) throws java.io.IOException, InterruptedException {
        try {
            return engine.remove(box, force, volumes).name();
        } catch (BoxNotFoundException e) {
            if (force && engine.removeRemains(box)) {
                return box;
            }
            throw e;
        }
    }
}
