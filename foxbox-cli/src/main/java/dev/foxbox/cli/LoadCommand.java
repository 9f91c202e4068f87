package dev.foxbox.cli;

import dev.foxbox.image.archive.ImageLoader;
import dev.foxbox.image.archive.ImageLoader.LoadedImage;
import dev.foxbox.image.model.Platform;
import java.io.BufferedInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Load images from an archive: what foxbox save, docker save, podman save (both formats) and"
                + " skopeo's oci-archive: and docker-archive: write, plain or gzip- or zstd-compressed.",
                "Reads standard input unless -i. Nothing is named until every image of the archive is complete."})
final class LoadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "Read FILE instead of standard input.")
    Path input;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (input != null && !Files.isRegularFile(input)) {
            throw new NoSuchFileException(input.toString(), null, "no such file: " + input);
        }
        if (input == null && System.console() != null) {
            throw new IllegalArgumentException("refusing to read an archive from a terminal: use -i FILE, or redirect"
                    + " standard input");
        }
        ImageLoader loader = new ImageLoader(Parent.of(spec).images().store(), Platform.host());
        List<LoadedImage> loaded;
        try (InputStream in = new BufferedInputStream(input != null ? Files.newInputStream(input)
                : new FileInputStream(FileDescriptor.in), 256 * 1024)) {
            loaded = loader.load(in, input != null ? input.toString() : "stdin");
        }
        if (!quiet) {
            PrintWriter out = spec.commandLine().getOut();
            for (LoadedImage image : loaded) {
                out.println(image.name() != null ? "Loaded image: " + image.name() : "Loaded image ID: " + image.image().id());
            }
            out.flush();
        }
        return 0;
    }
}
