package dev.foxbox.cli;

import dev.foxbox.runtime.box.BoxRecord;
import dev.foxbox.runtime.box.Boxes;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "attach", mixinStandardHelpOptions = true,
        description = {"Show a running box's output as it comes, until it exits; the exit status is the box's.",
                "(Its stdin is not attached: foxbox exec -i runs an interactive command in it.)"})
final class AttachCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BOX", description = "A name or id prefix.")
    String box;

    @Override
    public Integer call() throws Exception {
        Boxes boxes = Parent.of(spec).boxes();
        BoxRecord record = boxes.find(box);
        if (!boxes.status(record).running()) {
            throw new IllegalStateException("box " + record.name() + " is not running");
        }
        OutputStream out = new java.io.FileOutputStream(java.io.FileDescriptor.out);
        OutputStream err = new java.io.FileOutputStream(java.io.FileDescriptor.err);
        boxes.logs(record).read(0, null, true, line -> {
            try {
                OutputStream to = line.stderr() ? err : out;
                to.write(line.text());
                if (!line.partial()) {
                    to.write('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return boxes.waitFor(record);
    }
}
