package dev.foxbox.cli;

import dev.foxbox.image.LocalImages;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.store.StoredImage;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Make an image from a root filesystem tarball (tar, tar.gz or tar.zst).",
                "Without NAME, the image is named after the file: alpine-minirootfs-3.18.4-x86_64.tar.gz"
                        + " becomes alpine-minirootfs-3.18.4-x86_64. Prints the image id."})
final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The tarball, or - for standard input.")
    String file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME[:TAG]", description = "The image's name.")
    String name;

    @Override
    public Integer call() throws Exception {
        boolean stdin = file.equals("-");
        if (!stdin && !Files.isRegularFile(Path.of(file))) {
            throw new NoSuchFileException(file, null, "no such file: " + file);
        }
        ImageReference reference;
        if (name != null) {
            reference = ImageReference.parse(name);
        } else if (stdin) {
            throw new IllegalArgumentException("importing from standard input needs a NAME[:TAG]");
        } else {
            reference = LocalImages.nameFromFile(Path.of(file));
        }
        LocalImages images = Parent.of(spec).images();
        StoredImage image = stdin
                ? images.importTarball(System.in, "stdin", reference)
                : images.importTarball(Path.of(file), reference);
        spec.commandLine().getOut().println(image.id());
        return 0;
    }
}
