package dev.foxbox.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code foxbox container …}: the box commands grouped, as in docker; {@link Main} adds the
 * top-level box commands under it (ls, rm, start, stop, …), and {@code prune} lives only here.
 */
@Command(name = "container", aliases = {"box"}, mixinStandardHelpOptions = true, description = "Manage boxes.",
        synopsisSubcommandLabel = "COMMAND", subcommands = {ContainerPruneCommand.class})
final class ContainerCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
