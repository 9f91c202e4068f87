package dev.foxbox.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.foxbox.image.LocalImages;
import dev.foxbox.image.json.ImageJson;
import dev.foxbox.image.json.Json;
import dev.foxbox.image.store.StoredImage;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show images as JSON: names, digests, config, layers and history.")
final class ImageInspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Names or id prefixes.")
    List<String> images;

    @Override
    public Integer call() throws Exception {
        LocalImages engine = Parent.of(spec).images();
        ArrayNode out = Json.array();
        for (String name : images) {
            StoredImage image = engine.get(name);
            out.add(ImageJson.inspect(image, engine.namesOf(image.id())));
        }
        spec.commandLine().getOut().println(Json.pretty(out));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
