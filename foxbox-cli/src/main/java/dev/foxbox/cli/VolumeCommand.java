package dev.foxbox.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.foxbox.image.json.Json;
import dev.foxbox.runtime.box.Volumes;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code foxbox volume create|ls|inspect|rm|prune}. */
@Command(name = "volume", mixinStandardHelpOptions = true, description = "Manage volumes (data under ROOT/volumes).",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {VolumeCommand.Create.class, VolumeCommand.Ls.class, VolumeCommand.Inspect.class,
                VolumeCommand.Rm.class, VolumeCommand.Prune.class})
final class VolumeCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a named volume.")
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            spec.commandLine().getOut().println(new Volumes(Parent.of(spec).dataRoot()).create(name).name());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List volumes.")
    static final class Ls implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-q", "--quiet"}, description = "Only names.")
        boolean quiet;

        @Override
        public Integer call() throws Exception {
            Table table = new Table("NAME", "CREATED");
            for (Volumes.Volume v : new Volumes(Parent.of(spec).dataRoot()).list()) {
                if (quiet) {
                    spec.commandLine().getOut().println(v.name());
                } else {
                    table.row(v.name(), Human.ago(v.created(), java.time.Instant.now()));
                }
            }
            if (!quiet) {
                table.print(spec.commandLine().getOut());
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true, description = "Show volumes as JSON.")
    static final class Inspect implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "NAME")
        List<String> names;

        @Override
        public Integer call() throws Exception {
            ArrayNode out = Json.array();
            Volumes volumes = new Volumes(Parent.of(spec).dataRoot());
            for (String name : names) {
                Volumes.Volume v = volumes.get(name);
                out.addObject().put("Name", v.name()).put("Mountpoint", v.data().toString())
                        .put("CreatedAt", v.created().toString()).put("Anonymous", v.anonymous());
            }
            spec.commandLine().getOut().println(Json.pretty(out));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove volumes that no box uses (-f: remove those boxes too).")
    static final class Rm implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-f", "--force"})
        boolean force;

        @Parameters(arity = "1..*", paramLabel = "NAME")
        List<String> names;

        @Override
        public Integer call() throws Exception {
            for (String name : names) {
                Parent.of(spec).boxes().removeVolume(name, force);
                spec.commandLine().getOut().println(name);
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true, description = "Remove volumes no box uses (anonymous ones; -a: all).")
    static final class Prune implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-a", "--all"}, description = "Named volumes too.")
        boolean all;

        @Option(names = {"-f", "--force"}, description = "Do not ask for confirmation.")
        boolean force;

        @Override
        public Integer call() throws Exception {
            if (!force) {
                throw new IllegalStateException("not pruning without confirmation (use -f to skip the question)");
            }
            Parent.of(spec).boxes().pruneVolumes(all).forEach(spec.commandLine().getOut()::println);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
