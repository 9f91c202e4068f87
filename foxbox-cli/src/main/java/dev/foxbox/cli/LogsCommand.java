package dev.foxbox.cli;

import dev.foxbox.runtime.box.BoxRecord;
import dev.foxbox.runtime.box.Boxes;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Show what a box wrote on stdout and stderr (each to its own stream), attached or detached.",
                "The log is kept in the box's directory, rotated at 10 MB."})
final class LogsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--follow"}, description = "Keep showing what the box writes until it exits.")
    boolean follow;

    @Option(names = {"-n", "--tail"}, paramLabel = "N", description = "Only the last N lines (default: all).")
    String tail = "all";

    @Option(names = {"-t", "--timestamps"}, description = "Show each line's time.")
    boolean timestamps;

    @Option(names = "--since", paramLabel = "TIME", description = "Only lines since TIME: 2026-11-28T10:00:00Z, or 10m, 2h, 30s ago.")
    String since;

    @Parameters(index = "0", paramLabel = "BOX", description = "A name or id prefix.")
    String box;

    @Override
    public Integer call() throws Exception {
        Boxes boxes = Parent.of(spec).boxes();
        BoxRecord record = boxes.find(box);
        int lines = tail.equals("all") ? -1 : Integer.parseInt(tail);
        // Raw bytes, not a Writer: what a box wrote is shown as it wrote it.
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), false);
        boxes.logs(record).read(lines, since(since), follow, line -> {
            OutputStream to = line.stderr() ? err : out;
            try {
                if (timestamps && line.time() != null) {
                    to.write((line.time() + " ").getBytes(StandardCharsets.US_ASCII));
                }
                to.write(line.text());
                if (!line.partial()) {
                    to.write('\n');
                }
                if (follow) {
                    to.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        out.flush();
        err.flush();
        return 0;
    }

    static Instant since(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return Instant.now().minus(Duration.parse("PT" + text.toUpperCase(java.util.Locale.ROOT)));
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("invalid --since '" + text + "': a time (2026-11-28T10:00:00Z) or a duration (10m, 2h, 30s)");
            }
        }
    }
}
