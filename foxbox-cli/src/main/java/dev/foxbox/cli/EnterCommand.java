package dev.foxbox.cli;

import dev.foxbox.runtime.box.ExecSpec;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "enter", mixinStandardHelpOptions = true,
        description = "A shell in a running box (the original foxbox's nsenter): foxbox exec -it BOX /bin/sh.")
final class EnterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BOX", description = "A name or id prefix.")
    String box;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SHELL", description = "The shell (default /bin/sh).")
    String shell = "/bin/sh";

    @Override
    public Integer call() throws Exception {
        boolean terminal = System.console() != null;
        ExecSpec exec = new ExecSpec(List.of(shell), List.of(), null, null, terminal, true, false, false);
        return ExecCommand.run(Parent.of(spec), box, exec);
    }
}
