package dev.foxbox.cli;

import dev.foxbox.runtime.box.Boxes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a box's file system, as the box sees it, as a tar: foxbox import (or docker import) makes an"
                + " image of it again.",
                "Owners are the box's own (numeric); a running box is exported as it is at that moment. Writes to standard"
                        + " output unless -o."})
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Parameters(paramLabel = "BOX", description = "The box: a name or an id prefix.")
    String box;

    @Override
    public Integer call() throws Exception {
        Boxes boxes = Parent.of(spec).boxes();
        OutputFile.write(output, "a tar", out -> boxes.export(box, out));
        return 0;
    }
}
