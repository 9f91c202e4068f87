package dev.foxbox.cli;

import dev.foxbox.runtime.box.BoxProcesses;
import dev.foxbox.runtime.box.Boxes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "top", mixinStandardHelpOptions = true,
        description = "Show the processes of a running box (its foxes): host pid, pid in the box, user in the box, command.")
final class TopCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BOX", description = "A name or id prefix.")
    String box;

    @Override
    public Integer call() throws Exception {
        Boxes boxes = Parent.of(spec).boxes();
        Table table = new Table("PID", "BOX PID", "UID", "COMMAND");
        for (BoxProcesses.Fox fox : boxes.processes(boxes.find(box))) {
            table.row(Long.toString(fox.pid()), Long.toString(fox.boxPid()), fox.uid() < 0 ? "?" : Long.toString(fox.uid()),
                    fox.command());
        }
        table.print(spec.commandLine().getOut());
        return 0;
    }
}
