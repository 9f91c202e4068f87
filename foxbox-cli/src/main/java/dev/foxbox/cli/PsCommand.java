package dev.foxbox.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.foxbox.image.json.Json;
import dev.foxbox.runtime.box.BoxJson;
import dev.foxbox.runtime.box.BoxRecord;
import dev.foxbox.runtime.box.BoxStatus;
import dev.foxbox.runtime.box.Boxes;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "ps", mixinStandardHelpOptions = true,
        description = "List running boxes (-a: all): id, image, command, created, status, ports, name.")
final class PsCommand implements Callable<Integer> {

    enum Format { table, json }

    @Spec
    CommandSpec spec;

    @Option(names = {"-a", "--all"}, description = "All boxes, not only running ones.")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only ids.")
    boolean quiet;

    @Option(names = "--no-trunc", description = "Do not shorten ids and commands.")
    boolean noTrunc;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json.")
    Format format = Format.table;

    @Override
    public Integer call() throws Exception {
        Boxes boxes = Parent.of(spec).boxes();
        record Row(BoxRecord box, BoxStatus status) {}
        List<Row> rows = new ArrayList<>();
        for (BoxRecord box : boxes.list()) {
            BoxStatus status = boxes.status(box);
            if (all || status.running()) {
                rows.add(new Row(box, status));
            }
        }
        rows.sort(Comparator.comparing((Row r) -> r.box().created()).reversed());
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            ArrayNode array = Json.array();
            rows.forEach(r -> array.add(BoxJson.summary(r.box(), r.status())));
            out.println(Json.pretty(array));
        } else if (quiet) {
            rows.forEach(r -> out.println(id(r.box())));
        } else {
            Table table = new Table("BOX ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES");
            Instant now = Instant.now();
            for (Row r : rows) {
                table.row(id(r.box()), r.box().image(), command(r.box()), Human.ago(r.box().created(), now),
                        status(r.status(), now), ports(boxes, r.box()), r.box().name());
            }
            table.print(out);
        }
        out.flush();
        return 0;
    }

    /** docker's form: 0.0.0.0:8080->80/tcp, comma separated. */
    static String ports(Boxes boxes, BoxRecord box) throws java.io.IOException {
        List<String> out = new ArrayList<>();
        for (var p : boxes.ports(box)) {
            out.add(p.hostAddr() + ":" + p.hostPort() + "->" + p.boxPort() + "/" + p.proto());
        }
        return String.join(", ", out);
    }

    private String id(BoxRecord box) {
        return noTrunc ? box.id() : box.id().substring(0, 12);
    }

    private String command(BoxRecord box) {
        String text = String.join(" ", box.command());
        if (!noTrunc && text.length() > 20) {
            text = text.substring(0, 19) + "…";
        }
        return "\"" + text + "\"";
    }

    /** "Up 3 minutes", "Exited (0) 2 seconds ago", "Created", as docker words them. */
    static String status(BoxStatus s, Instant now) {
        return switch (s.state()) {
            case CREATED -> "Created";
            case RUNNING -> "Up " + (s.startedAt() == null ? "" : Human.duration(java.time.Duration.between(s.startedAt(), now)));
            case EXITED -> "Exited (" + (s.exitCode() < 0 ? "unknown" : s.exitCode()) + ")"
                    + (s.finishedAt() == null ? "" : " " + Human.ago(s.finishedAt(), now));
        };
    }
}
