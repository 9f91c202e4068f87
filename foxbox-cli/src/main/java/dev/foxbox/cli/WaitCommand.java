package dev.foxbox.cli;

import dev.foxbox.runtime.box.Boxes;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "wait", mixinStandardHelpOptions = true, description = "Wait for boxes to exit, and print their exit codes.")
final class WaitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "BOX", description = "Names or id prefixes.")
    List<String> boxes;

    @Override
    public Integer call() throws Exception {
        Boxes engine = Parent.of(spec).boxes();
        for (String box : boxes) {
            spec.commandLine().getOut().println(engine.waitFor(engine.find(box)));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
