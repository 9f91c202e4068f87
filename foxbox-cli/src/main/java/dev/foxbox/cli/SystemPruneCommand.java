package dev.foxbox.cli;

import dev.foxbox.build.builder.BuildCache;
import dev.foxbox.image.store.GarbageCollector;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Delete what nothing uses: the build cache, blobs no image or box reaches,",
                "and files that interrupted writes left behind. Tagged images are kept."})
final class SystemPruneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--force"}, description = "Do not ask for confirmation.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        if (!force && !confirmed()) {
            throw new IllegalStateException("not pruning without confirmation (use -f to skip the question)");
        }
        FoxboxCommand foxbox = Parent.of(spec);
        boolean cache = new BuildCache(foxbox.dataRoot()).clear(foxbox.boxes().steps());
        GarbageCollector.Result result = foxbox.images().collectGarbage();
        int roots = foxbox.boxes().pruneImageRoots();
        spec.commandLine().getOut().println("Deleted " + result.deletedBlobs().size() + " blobs, "
                + result.staleTempFiles() + " temporary files and " + roots + " unpacked images"
                + (cache ? "; cleared the build cache" : ""));
        spec.commandLine().getOut().println("Total reclaimed space: " + Human.size(result.bytesFreed()));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private boolean confirmed() throws java.io.IOException {
        if (System.console() == null) {
            return false;
        }
        spec.commandLine().getOut().print("This deletes the build cache, all blobs no image uses and stale temporary files."
                + " Are you sure you want to continue? [y/N] ");
        spec.commandLine().getOut().flush();
        String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    }
}
