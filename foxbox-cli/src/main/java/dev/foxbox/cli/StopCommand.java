package dev.foxbox.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop running boxes: the image's STOPSIGNAL (else SIGTERM), then SIGKILL after the timeout.")
final class StopCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-t", "--time"}, paramLabel = "SECONDS", description = "Seconds to wait before SIGKILL (default 10).")
    int seconds = 10;

    @Parameters(arity = "1..*", paramLabel = "BOX", description = "Names or id prefixes.")
    List<String> boxes;

    @Override
    public Integer call() throws Exception {
        for (String box : boxes) {
            spec.commandLine().getOut().println(Parent.of(spec).boxes().stop(box, Duration.ofSeconds(seconds)).name());
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
