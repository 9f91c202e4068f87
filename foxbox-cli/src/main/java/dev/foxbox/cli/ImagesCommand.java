package dev.foxbox.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.foxbox.image.json.ImageJson;
import dev.foxbox.image.json.Json;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.store.ImageStore;
import dev.foxbox.image.store.StoredImage;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "images", mixinStandardHelpOptions = true,
        description = "List the images in the store: repository, tag, image id, created, size.")
final class ImagesCommand implements Callable<Integer> {

    enum Format { table, json }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "REPOSITORY[:TAG]", description = "Only images with this name.")
    String filter;

    @Option(names = {"-q", "--quiet"}, description = "Only print image ids.")
    boolean quiet;

    @Option(names = "--digests", description = "Show the manifest digests.")
    boolean digests;

    @Option(names = "--no-trunc", description = "Do not shorten image ids.")
    boolean noTrunc;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json.")
    Format format = Format.table;

    @Override
    public Integer call() throws Exception {
        ImageStore.Listing listing = Parent.of(spec).images().list();
        PrintWriter out = spec.commandLine().getOut();
        for (String problem : listing.problems()) {
            spec.commandLine().getErr().println("foxbox: warning: " + problem);
        }
        List<StoredImage> images = listing.images().stream()
                .filter(this::wanted)
                .sorted(Comparator.comparing((StoredImage i) -> i.config().created(),
                        Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
        if (format == Format.json) {
            ArrayNode array = Json.array();
            images.forEach(i -> array.add(ImageJson.summary(i)));
            out.println(Json.pretty(array));
        } else if (quiet) {
            Set<String> ids = new LinkedHashSet<>();
            images.forEach(i -> ids.add(noTrunc ? i.id().toString() : i.id().shortHex()));
            ids.forEach(out::println);
        } else {
            table(images, out);
        }
        out.flush();
        return 0;
    }

    private boolean wanted(StoredImage image) {
        if (filter == null) {
            return true;
        }
        if (image.reference() == null) {
            return false;
        }
        ImageReference wanted = ImageReference.parse(filter);
        boolean tagGiven = filter.lastIndexOf(':') > filter.lastIndexOf('/');
        return image.reference().name().equals(wanted.name())
                && (!tagGiven || wanted.tag().equals(image.reference().tag()));
    }

    private void table(List<StoredImage> images, PrintWriter out) {
        Table table = digests
                ? new Table("REPOSITORY", "TAG", "DIGEST", "IMAGE ID", "CREATED", "SIZE")
                : new Table("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE");
        Instant now = Instant.now();
        for (StoredImage i : images) {
            ImageReference r = i.reference();
            String repository = r == null ? "<none>" : r.name();
            String tag = r == null || r.tag() == null ? "<none>" : r.tag();
            String id = noTrunc ? i.id().toString() : i.id().shortHex();
            String created = Human.ago(i.config().created(), now);
            String size = Human.size(i.size());
            if (digests) {
                table.row(repository, tag, i.repoDigest().toString(), id, created, size);
            } else {
                table.row(repository, tag, id, created, size);
            }
        }
        table.print(out);
    }
}
