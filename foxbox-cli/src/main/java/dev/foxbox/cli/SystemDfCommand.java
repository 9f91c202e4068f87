package dev.foxbox.cli;

import dev.foxbox.image.LocalImages;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "df", mixinStandardHelpOptions = true, description = "Show the disk space foxbox uses.")
final class SystemDfCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        FoxboxCommand top = Parent.of(spec);
        LocalImages.DiskUsage usage = top.images().diskUsage();
        new Table("TYPE", "TOTAL", "SIZE", "RECLAIMABLE")
                .row("Images", Integer.toString(usage.images()), Human.size(usage.storeBytes()),
                        Human.size(usage.reclaimableBytes() + usage.tmpBytes()))
                .print(spec.commandLine().getOut());
        spec.commandLine().getOut().println("Data root: " + top.dataRoot().dir());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
