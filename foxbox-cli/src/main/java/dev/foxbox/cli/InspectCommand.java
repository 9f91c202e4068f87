package dev.foxbox.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.foxbox.image.LocalImages;
import dev.foxbox.image.json.ImageJson;
import dev.foxbox.image.json.Json;
import dev.foxbox.image.store.StoredImage;
import dev.foxbox.runtime.box.BoxJson;
import dev.foxbox.runtime.box.BoxNotFoundException;
import dev.foxbox.runtime.box.BoxRecord;
import dev.foxbox.runtime.box.Boxes;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show boxes or images as JSON: a box's state (pid, status, exit code, times), config and",
                "image; an image's names, config, layers and history. Boxes are looked for first."})
final class InspectCommand implements Callable<Integer> {

    enum Type { box, image }

    @Spec
    CommandSpec spec;

    @Option(names = "--type", paramLabel = "TYPE", description = "box or image: look only for that.")
    Type type;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Box or image names or id prefixes.")
    List<String> names;

    @Override
    public Integer call() throws Exception {
        FoxboxCommand top = Parent.of(spec);
        ArrayNode out = Json.array();
        for (String name : names) {
            if (type != Type.image) {
                Boxes boxes = top.boxes();
                try {
                    BoxRecord box = boxes.find(name);
                    out.add(BoxJson.inspect(box, boxes.status(box), boxes.boxfs(box).toString(), boxes.logFile(box).toString()));
                    continue;
                } catch (BoxNotFoundException e) {
                    if (type == Type.box) {
                        throw e;
                    }
                }
            }
            LocalImages images = top.images();
            StoredImage image = images.get(name);
            out.add(ImageJson.inspect(image, images.namesOf(image.id())));
        }
        spec.commandLine().getOut().println(Json.pretty(out));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
