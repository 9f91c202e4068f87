package dev.foxbox.cli;

import dev.foxbox.image.ImageCommitter;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.store.StoredImage;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "commit", mixinStandardHelpOptions = true,
        description = {"Make an image from a box's changes: the box's image with one more layer, what the box changed"
                + " (files added, changed and deleted).",
                "The config is the image's, with a history entry; the runtime's mount points (/dev, /proc, /sys,"
                        + " /etc/hosts, /etc/hostname, /etc/resolv.conf) are left out. Prints the new image's id."})
final class CommitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-a", "--author"}, paramLabel = "AUTHOR", description = "The new image's author.")
    String author;

    @Option(names = {"-m", "--message"}, paramLabel = "MESSAGE", description = "A comment for the image's history.")
    String message;

    @Parameters(index = "0", paramLabel = "BOX", description = "The box: a name or an id prefix.")
    String box;

    @Parameters(index = "1", paramLabel = "IMAGE", description = "The new image's name, e.g. app:2.")
    String image;

    @Override
    public Integer call() throws Exception {
        ImageReference name = ImageReference.parse(image);
        ImageCommitter.Options options = ImageCommitter.Options.of("foxbox commit").withAuthor(author).withMessage(message);
        StoredImage committed = Parent.of(spec).boxes().commit(box, name, options);
        spec.commandLine().getOut().println(committed.id());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
