package dev.foxbox.cli;

import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.store.StoredImage;
import dev.foxbox.registry.ImagePusher;
import dev.foxbox.registry.PushOptions;
import dev.foxbox.registry.PushedImage;
import dev.foxbox.registry.RegistrySettings;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "push", mixinStandardHelpOptions = true,
        description = {"Upload an image from the store to a registry.",
                "Credentials and the registries file are pull's. Blobs the registry has are skipped, blobs another"
                        + " repository of it has are mounted from there, the rest uploaded (in chunks when large); the"
                        + " manifest goes last, byte for byte as stored, so its digest stays the same."
                        + " Prints the pushed image's name with its digest last."})
final class PushCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image in the store: a name or an id.")
    String image;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DESTINATION",
            description = "Where to push it, e.g. localhost:5000/app:1 (docker:// allowed); default: IMAGE's own name.")
    String destination;

    @Option(names = {"-q", "--quiet"}, description = "Print only the pushed image's name and digest, no progress.")
    boolean quiet;

    @Option(names = "--authfile", paramLabel = "FILE", description = "An auth.json to read credentials from first.")
    Path authfile;

    @Option(names = "--digestfile", paramLabel = "FILE", description = "Write the pushed manifest's digest to FILE.")
    Path digestfile;

    @Option(names = "--max-concurrent-uploads", paramLabel = "N", description = "Layers uploaded at once (default: ${DEFAULT-VALUE}).")
    int maxConcurrentUploads = PushOptions.DEFAULT_CONCURRENT_UPLOADS;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FoxboxCommand foxbox = Parent.of(spec);
        StoredImage stored = foxbox.images().get(image);
        ImageReference target = target(stored);
        RegistrySettings settings = RegistrySettings.fromEnvironment(System.getenv(), authfile,
                warning -> err.println("foxbox: warning: " + warning));
        PushedImage pushed;
        try (PushPrinter printer = PushPrinter.create(out, err, quiet)) {
            pushed = new ImagePusher(foxbox.images().store(), settings).push(stored, target,
                    PushOptions.defaults().withMaxConcurrentUploads(maxConcurrentUploads).withProgress(printer));
        }
        if (digestfile != null) {
            Files.writeString(digestfile, pushed.digest().toString(), StandardCharsets.UTF_8);
        }
        out.println(pushed.reference() + "@" + pushed.digest());
        out.flush();
        return 0;
    }

    private ImageReference target(StoredImage stored) {
        if (destination != null) {
            String name = destination.startsWith("docker://") ? destination.substring("docker://".length()) : destination;
            return ImageReference.parse(name);
        }
        // By its name, the image goes where the name says; by its id, it needs to be told where.
        boolean byName = stored.reference() != null && ImageReference.isValid(image)
                && ImageReference.parse(image).name().equals(stored.reference().name());
        if (!byName) {
            throw new IllegalArgumentException("push " + image + ": give a DESTINATION to push the image to");
        }
        return stored.reference();
    }
}
