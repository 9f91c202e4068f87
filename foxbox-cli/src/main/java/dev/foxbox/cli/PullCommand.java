package dev.foxbox.cli;

import dev.foxbox.image.model.Platform;
import dev.foxbox.image.store.StoredImage;
import dev.foxbox.registry.ImagePuller;
import dev.foxbox.registry.PullOptions;
import dev.foxbox.registry.RegistrySettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "pull", mixinStandardHelpOptions = true,
        description = {"Download an image from a registry into the store.",
                "A short name (alpine) is looked for in the registries for short names (Docker Hub unless the registries"
                        + " file says otherwise); mirrors are tried before the registry. A tag already in the store costs"
                        + " one request when it has not changed. Prints the image's full name last."})
final class PullCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "IMAGE", description = "NAME[:TAG] or NAME@DIGEST, e.g. alpine, localhost:5000/app:1.")
    String image;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "The platform to pull from a multi-platform image, e.g. linux/arm64/v8 (default: this machine's).")
    String platform;

    @Option(names = "--max-concurrent-downloads", paramLabel = "N",
            description = "Layers downloaded at once (default: ${DEFAULT-VALUE}).")
    int maxConcurrentDownloads = PullOptions.DEFAULT_CONCURRENT_DOWNLOADS;

    @Option(names = {"-q", "--quiet"}, description = "Print only the image's name at the end, no progress.")
    boolean quiet;

    @Option(names = "--authfile", paramLabel = "FILE", description = "An auth.json to read credentials from first.")
    Path authfile;

    @Override
    public Integer call() throws Exception {
        return pull(Parent.of(spec), spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Pulls the image; {@link QuickLine} calls this too, without picocli. */
    int pull(FoxboxCommand foxbox, PrintWriter out, PrintWriter err) throws Exception {
        PullOptions options = new PullOptions(platform == null ? null : Platform.parse(platform), maxConcurrentDownloads, null);
        RegistrySettings settings = RegistrySettings.fromEnvironment(System.getenv(), authfile,
                warning -> err.println("foxbox: warning: " + warning));
        ImagePuller puller = new ImagePuller(foxbox.images().store(), settings);
        StoredImage pulled;
        try (PullPrinter printer = PullPrinter.create(out, err, quiet)) {
            pulled = puller.pull(image, options.withProgress(printer));
        }
        out.println(pulled.reference());
        out.flush();
        return 0;
    }
}
