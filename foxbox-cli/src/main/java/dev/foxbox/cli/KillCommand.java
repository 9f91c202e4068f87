package dev.foxbox.cli;

import dev.foxbox.runtime.box.Signals;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "kill", mixinStandardHelpOptions = true, description = "Send a signal to running boxes (default SIGKILL).")
final class KillCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-s", "--signal"}, paramLabel = "SIGNAL", description = "The signal: KILL, SIGTERM, 15, ...")
    String signal = "KILL";

    @Parameters(arity = "1..*", paramLabel = "BOX", description = "Names or id prefixes.")
    List<String> boxes;

    @Override
    public Integer call() throws Exception {
        int number = Signals.parse(signal);
        for (String box : boxes) {
            spec.commandLine().getOut().println(Parent.of(spec).boxes().kill(box, number).name());
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
