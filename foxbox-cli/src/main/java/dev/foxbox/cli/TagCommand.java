package dev.foxbox.cli;

import dev.foxbox.image.model.ImageReference;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "tag", mixinStandardHelpOptions = true, description = "Give an image another name.")
final class TagCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "An image name or id.")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET[:TAG]", description = "The new name.")
    String target;

    @Override
    public Integer call() throws Exception {
        ImageReference reference = ImageReference.parse(target);
        if (reference.digest() != null) {
            throw new IllegalArgumentException("a tag cannot contain a digest: " + target);
        }
        Parent.of(spec).images().tag(source, reference);
        return 0;
    }
}
