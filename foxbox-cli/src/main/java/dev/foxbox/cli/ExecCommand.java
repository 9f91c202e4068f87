package dev.foxbox.cli;

import dev.foxbox.runtime.box.ExecSpec;
import dev.foxbox.runtime.box.RunningBox;
import dev.foxbox.runtime.helper.Handover;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "exec", sortOptions = false,
        description = {"Run a command in a running box: in its namespaces, with its capabilities, seccomp filter",
                "and environment. The exit status is the command's."})
final class ExecCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-i", "--interactive"}, description = "Keep stdin open: the command reads it.")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Give the command a terminal.")
    boolean tty;

    @Option(names = {"-d", "--detach"}, description = "Run it in the background.")
    boolean detach;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Set a variable.")
    List<String> env = new ArrayList<>();

    @Option(names = {"-u", "--user"}, paramLabel = "USER[:GROUP]", description = "Run as this user of the box.")
    String user;

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "The working directory.")
    String workdir;

    @Option(names = "--privileged", description = "All capabilities and no seccomp filter for this command.")
    boolean privileged;

    @Parameters(index = "0", paramLabel = "BOX", description = "A name or id prefix.")
    String box;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        ExecSpec exec = new ExecSpec(command, env, user, workdir, tty, interactive, detach, privileged);
        return run(Parent.of(spec), box, exec);
    }

    static int run(FoxboxCommand top, String box, ExecSpec exec) throws Exception {
        Handover handover = exec.detach() ? null : Handover.fromEnvironment();
        if (handover != null) {
            return HandedOver.finish(top.boxes().exec(box, exec, handover)); // as RunCommand does
        }
        RunningBox[] running = new RunningBox[1];
        return Signals.whileRunning(() -> running[0] == null ? null : running[0].process(), () -> {
            running[0] = top.boxes().exec(box, exec, new ProcessBuilder().inheritIO());
            return running[0].waitFor();
        });
    }
}
