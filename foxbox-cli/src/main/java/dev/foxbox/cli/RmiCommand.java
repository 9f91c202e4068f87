package dev.foxbox.cli;

import dev.foxbox.image.LocalImages;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.store.GarbageCollector;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rmi", mixinStandardHelpOptions = true,
        description = {"Remove images by name or id, and free the blobs no other image uses.",
                "A name removes that name; an id removes the image with all its names."})
final class RmiCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--force"}, description = "Remove an image that has several names or that a box uses.")
    boolean force;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Names or id prefixes.")
    List<String> images;

    @Override
    public Integer call() throws Exception {
        LocalImages engine = Parent.of(spec).images();
        PrintWriter out = spec.commandLine().getOut();
        List<LocalImages.Removal> removals = new ArrayList<>();
        RuntimeException firstFailure = null;
        for (String image : images) {
            try {
                LocalImages.Removal removal = engine.remove(image, force);
                removals.add(removal);
                for (ImageReference name : removal.untagged()) {
                    out.println("Untagged: " + name);
                }
            } catch (RuntimeException e) {
                // As docker does: report each failure, go on with the rest, fail at the end.
                if (firstFailure != null) {
                    spec.commandLine().getErr().println("foxbox: " + ErrorHandler.message(firstFailure));
                }
                firstFailure = e;
            }
        }
        GarbageCollector.Result gc = engine.collectGarbage();
        Parent.of(spec).boxes().pruneImageRoots();
        for (LocalImages.Removal removal : removals) {
            if (gc.deletedBlobs().contains(removal.id())) {
                out.println("Deleted: " + removal.id());
            }
        }
        out.flush();
        if (firstFailure != null) {
            throw firstFailure;
        }
        return 0;
    }
}
