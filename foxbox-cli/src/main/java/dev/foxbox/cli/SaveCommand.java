package dev.foxbox.cli;

import dev.foxbox.image.LocalImages;
import dev.foxbox.image.archive.ArchiveFormat;
import dev.foxbox.image.archive.ImageSaver;
import dev.foxbox.image.store.StoredImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "save", mixinStandardHelpOptions = true,
        description = {"Write images to an archive (a tar), for foxbox load, docker load or podman load.",
                "oci-archive keeps every digest; docker-archive (the default, as docker save writes it) keeps the image id"
                        + " and the layers' diff_ids, but has no manifest. Writes to standard output unless -o."})
final class SaveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Option(names = "--format", paramLabel = "FORMAT", description = "oci-archive or docker-archive (default: docker-archive).")
    String format = ArchiveFormat.DOCKER_ARCHIVE.id();

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Names or ids of images in the store.")
    List<String> names;

    @Override
    public Integer call() throws Exception {
        ArchiveFormat archiveFormat = ArchiveFormat.parse(format);
        LocalImages images = Parent.of(spec).images();
        List<StoredImage> saved = new ArrayList<>();
        for (String name : names) {
            saved.add(images.get(name));
        }
        ImageSaver saver = new ImageSaver(images.store());
        OutputFile.write(output, "an archive", out -> saver.save(saved, archiveFormat, out));
        return 0;
    }
}
