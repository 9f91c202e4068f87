package dev.foxbox.cli;

import dev.foxbox.runtime.box.BoxSpec;
import dev.foxbox.runtime.box.RunningBox;
import dev.foxbox.runtime.helper.Handover;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", sortOptions = false,
        description = {"Run a command in a new box, rootless: its own user, mount, pid, uts, ipc, cgroup and network",
                "namespaces, the image's files under an overlay of its own, dropped capabilities and a seccomp filter.",
                "The exit status is the command's (128+N when a signal N ended it); 125 when foxbox failed,",
                "126 when the command cannot be run, 127 when it is not found."})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-d", "--detach"}, description = "Run the box in the background and print its id.")
    boolean detach;

    @Mixin
    BoxOptions options = new BoxOptions();

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image: a name or an id.")
    String image;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "COMMAND", description = "The command and its arguments.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        return run(Parent.of(spec), spec.commandLine().getOut());
    }

    /** Runs the box; {@link QuickLine} calls this too, without picocli. */
    int run(FoxboxCommand foxbox, PrintWriter out) throws Exception {
        BoxSpec boxSpec = options.boxSpec(image, command, detach, foxbox.warnings());
        Handover handover = detach ? null : Handover.fromEnvironment();
        if (handover != null) {
            // The launcher's helper started this JVM: it runs the box, relays its signals and exits
            // with its status; this JVM is done as soon as the box runs (or says why it could not).
            return HandedOver.finish(foxbox.boxes().run(boxSpec, handover));
        }
        RunningBox[] box = new RunningBox[1];
        int status = Signals.whileRunning(() -> box[0] == null ? null : box[0].process(), () -> {
            box[0] = foxbox.boxes().run(boxSpec, new ProcessBuilder().inheritIO());
            return box[0].waitFor();
        });
        if (detach) {
            out.println(box[0].id());
            out.flush();
        }
        return status;
    }
}
