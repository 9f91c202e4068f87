package dev.foxbox.cli;

import dev.foxbox.runtime.box.Boxes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "port", mixinStandardHelpOptions = true,
        description = "List a running box's published ports: 80/tcp -> 0.0.0.0:8080 (or just the host side of BOXPORT).")
final class PortCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BOX", description = "A name or id prefix.")
    String box;

    @Parameters(index = "1", arity = "0..1", paramLabel = "BOXPORT[/PROTO]", description = "Only this port.")
    String only;

    @Override
    public Integer call() throws Exception {
        Boxes boxes = Parent.of(spec).boxes();
        boolean found = false;
        for (var p : boxes.ports(boxes.find(box))) {
            String boxSide = p.boxPort() + "/" + p.proto();
            if (only == null) {
                spec.commandLine().getOut().println(boxSide + " -> " + p.hostAddr() + ":" + p.hostPort());
                found = true;
            } else if (only.equals(boxSide) || only.equals(Integer.toString(p.boxPort())) && p.proto().equals("tcp")) {
                spec.commandLine().getOut().println(p.hostAddr() + ":" + p.hostPort());
                found = true;
            }
        }
        spec.commandLine().getOut().flush();
        if (only != null && !found) {
            throw new IllegalArgumentException("no public port '" + only + "' published for " + box);
        }
        return 0;
    }
}
