package dev.foxbox.cli;

import dev.foxbox.image.DataRoot;
import dev.foxbox.image.LocalImages;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top of the command tree; holds the options every command shares. */
@Command(name = "foxbox",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "A rootless, daemonless container toolchain: pull, build and run boxes.",
        commandListHeading = "%nCommands:%n",
        synopsisSubcommandLabel = "COMMAND",
        footer = {"", "Run 'foxbox COMMAND --help' for more information on a command."},
        subcommands = {
                ImportCommand.class,
                ImagesCommand.class,
                RmiCommand.class,
                TagCommand.class,
                ImageCommand.class,
                SystemCommand.class,
                CompletionCommand.class,
        })
public final class FoxboxCommand implements Runnable {

    @Option(names = "--root", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Where foxbox keeps its data (default: $FOXBOX_ROOT, else $XDG_DATA_HOME/foxbox, else ~/.local/share/foxbox).")
    String root;

    private LocalImages images;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    DataRoot dataRoot() {
        return DataRoot.resolve(root, System.getenv());
    }

    /** The image engine for this invocation's data root, opened on first use. */
    LocalImages images() throws IOException {
        if (images == null) {
            images = LocalImages.open(dataRoot());
        }
        return images;
    }
}
