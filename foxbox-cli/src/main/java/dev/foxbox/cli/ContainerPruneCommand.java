package dev.foxbox.cli;

import dev.foxbox.runtime.box.BoxRecord;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "prune", mixinStandardHelpOptions = true, description = "Remove every box that is not running.")
final class ContainerPruneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--force"}, description = "Do not ask for confirmation.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        if (!force && System.console() == null) {
            throw new IllegalStateException("not pruning without confirmation (use -f to skip the question)");
        }
        if (!force) {
            spec.commandLine().getOut().print("This removes all boxes that are not running. Continue? [y/N] ");
            spec.commandLine().getOut().flush();
            String answer = System.console().readLine();
            if (answer == null || !answer.trim().toLowerCase(java.util.Locale.ROOT).startsWith("y")) {
                return 0;
            }
        }
        List<BoxRecord> removed = Parent.of(spec).boxes().prune();
        removed.forEach(b -> spec.commandLine().getOut().println(b.id()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
