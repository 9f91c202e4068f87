package dev.foxbox.cli;

import dev.foxbox.runtime.box.BoxRecord;
import dev.foxbox.runtime.box.Boxes;
import dev.foxbox.runtime.box.RunningBox;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Start created or exited boxes, in the background; with -a, one box attached to this",
                "terminal (its output here, its exit status foxbox's)."})
final class StartCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-a", "--attach"}, description = "Attach: the box's output here, wait for it to exit.")
    boolean attach;

    @Option(names = {"-i", "--interactive"}, description = "With -a: the box reads this stdin (if it was made with -i).")
    boolean interactive;

    @Parameters(arity = "1..*", paramLabel = "BOX", description = "Names or id prefixes.")
    List<String> boxes;

    @Override
    public Integer call() throws Exception {
        Boxes engine = Parent.of(spec).boxes();
        if (attach && boxes.size() > 1) {
            throw new IllegalArgumentException("start -a takes one box");
        }
        for (String name : boxes) {
            BoxRecord box = engine.find(name);
            RunningBox[] running = new RunningBox[1];
            int status = Signals.whileRunning(() -> running[0] == null ? null : running[0].process(), () -> {
                running[0] = engine.start(box, attach, new ProcessBuilder().inheritIO());
                return running[0].waitFor();
            });
            if (attach) {
                return status;
            }
            spec.commandLine().getOut().println(box.name());
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
