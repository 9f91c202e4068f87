package dev.foxbox.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "system", mixinStandardHelpOptions = true, description = "Manage foxbox's data.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {SystemDfCommand.class, SystemPruneCommand.class})
final class SystemCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
