package dev.foxbox.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "create", sortOptions = false,
        description = {"Create a box without starting it (start it with foxbox start). Prints its id.",
                "Takes the options of foxbox run."})
final class CreateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Mixin
    BoxOptions options;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image: a name or an id.")
    String image;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "COMMAND", description = "The command and its arguments.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        String id = Parent.of(spec).boxes().create(options.boxSpec(image, command, false, Parent.of(spec)::warn)).id();
        spec.commandLine().getOut().println(id);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
