package dev.foxbox.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code foxbox image …}: the image commands grouped, as in docker. {@code ls}, {@code rm},
 * {@code tag}, {@code import} and {@code prune} are the top-level commands under other names;
 * {@link Main} registers them.
 */
@Command(name = "image", mixinStandardHelpOptions = true, description = "Manage images.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {ImageInspectCommand.class, ImageUnpackCommand.class})
final class ImageCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
