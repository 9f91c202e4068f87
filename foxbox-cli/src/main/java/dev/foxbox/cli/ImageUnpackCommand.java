package dev.foxbox.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "unpack", mixinStandardHelpOptions = true,
        description = {"Flatten an image's layers into a directory, as umoci unpack does.",
                "DIR must not exist or be empty. As an unprivileged user, files are owned by you."})
final class ImageUnpackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "A name or id prefix.")
    String image;

    @Parameters(index = "1", paramLabel = "DIR", description = "The directory to fill.")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Parent.of(spec).images().unpack(image, dir, note -> spec.commandLine().getErr().println("foxbox: " + note));
        return 0;
    }
}
