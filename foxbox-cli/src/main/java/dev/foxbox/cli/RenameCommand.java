package dev.foxbox.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rename", mixinStandardHelpOptions = true, description = "Give a box another name (its host name stays).")
final class RenameCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BOX", description = "A name or id prefix.")
    String box;

    @Parameters(index = "1", paramLabel = "NEW_NAME", description = "The new name.")
    String name;

    @Override
    public Integer call() throws Exception {
        Parent.of(spec).boxes().rename(box, name);
        return 0;
    }
}
