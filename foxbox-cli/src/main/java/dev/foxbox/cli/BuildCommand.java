package dev.foxbox.cli;

import dev.foxbox.build.builder.BuildFailedException;
import dev.foxbox.build.builder.BuildOutput;
import dev.foxbox.build.builder.BuildRequest;
import dev.foxbox.build.builder.Builder;
import dev.foxbox.build.expand.BuildArgs;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.runtime.box.BoxNetwork;
import dev.foxbox.runtime.box.BoxSpec;
import dev.foxbox.runtime.box.Boxes;
import dev.foxbox.runtime.box.StepRunner;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Build an image from a Foxfile (or Dockerfile, or Containerfile) and a context directory.",
                "Each RUN runs in a box; each RUN, COPY and ADD becomes a layer, reused from the build cache",
                "while nothing it depends on changed."})
final class BuildCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "The Foxfile (default: CONTEXT/Foxfile, then Dockerfile, then Containerfile).")
    Path file;

    @Option(names = {"-t", "--tag"}, paramLabel = "NAME[:TAG]", description = "Name the image (repeatable).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--build-arg", paramLabel = "NAME[=VALUE]",
            description = "Set a build argument; NAME alone takes its value from the environment (repeatable).")
    List<String> buildArgs = new ArrayList<>();

    @Option(names = "--target", paramLabel = "STAGE", description = "Build this stage (and what it needs) and stop.")
    String target;

    @Option(names = "--no-cache", description = "Run every step, using no cached layers.")
    boolean noCache;

    @Option(names = "--pull", description = "Pull base images even when the store has them.")
    boolean pull;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Add a label to the image (repeatable).")
    List<String> labels = new ArrayList<>();

    @Option(names = "--network", paramLabel = "MODE",
            description = "The network of RUN steps: slirp4netns (the default), none or host.")
    String network;

    @Option(names = {"-q", "--quiet"}, description = "Print only the image id.")
    boolean quiet;

    @Parameters(index = "0", paramLabel = "CONTEXT", description = "The build context directory.")
    Path context;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(context)) {
            throw new NoSuchFileException(context.toString(), null, "the build context " + context + " is not a directory");
        }
        List<ImageReference> names = new ArrayList<>();
        for (String tag : tags) {
            names.add(ImageReference.parse(tag));
        }
        Map<String, String> labelValues = new LinkedHashMap<>();
        for (String label : labels) {
            int eq = label.indexOf('=');
            labelValues.put(eq < 0 ? label : label.substring(0, eq), eq < 0 ? "" : label.substring(eq + 1));
        }
        FoxboxCommand foxbox = Parent.of(spec);
        BoxSpec.Network mode = network == null ? BoxNetwork.defaultMode(foxbox::warn) : BoxFlags.network(network).mode();
        BuildRequest request = new BuildRequest(context, file, names, BuildArgs.parseOptions(buildArgs, System.getenv()),
                target, noCache, pull, labelValues, mode, quiet);
        Boxes boxes = foxbox.boxes();
        BuildOutput output = new BuildOutput(spec.commandLine().getOut(), spec.commandLine().getErr(), quiet);
        try (StepRunner steps = boxes.steps()) {
            new Builder(foxbox.images(), steps, foxbox::baseImage, output).build(request);
        } catch (BuildFailedException e) {
            throw new ExitCodeException(1, e.getMessage());
        }
        return 0;
    }
}
