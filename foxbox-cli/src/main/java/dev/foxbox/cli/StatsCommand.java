package dev.foxbox.cli;

import dev.foxbox.runtime.box.BoxRecord;
import dev.foxbox.runtime.box.BoxStats;
import dev.foxbox.runtime.box.Boxes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Resource use of running boxes: CPU, memory (and its limit), processes. From the box's cgroup",
                "where it has one, else summed over its processes. Refreshes every second until ^C; --no-stream: once."})
final class StatsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--no-stream", description = "Print once and exit.")
    boolean noStream;

    @Parameters(arity = "0..*", paramLabel = "BOX", description = "Names or id prefixes (default: every running box).")
    List<String> names = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Boxes boxes = Parent.of(spec).boxes();
        PrintWriter out = spec.commandLine().getOut();
        Map<String, BoxStats> before = sample(boxes);
        long previous = System.nanoTime();
        do {
            Thread.sleep(noStream ? 500 : 1000);
            Map<String, BoxStats> now = sample(boxes);
            long elapsed = System.nanoTime() - previous;
            previous = System.nanoTime();
            Table table = new Table("NAME", "CPU %", "MEM USAGE / LIMIT", "PIDS");
            for (Map.Entry<String, BoxStats> e : now.entrySet()) {
                BoxStats s = e.getValue();
                BoxStats b = before.get(e.getKey());
                double cpu = b == null ? 0 : 100.0 * (s.cpuMicros() - b.cpuMicros()) * 1000 / elapsed;
                table.row(e.getKey(), String.format(Locale.ROOT, "%.2f%%", Math.max(0, cpu)),
                        Human.size(s.memory()) + " / " + (s.memoryLimit() < 0 ? "--" : Human.size(s.memoryLimit())),
                        Long.toString(s.pids()));
            }
            if (!noStream) {
                out.print("\033[2J\033[H"); // clear the terminal, as docker stats does
            }
            table.print(out);
            before = now;
        } while (!noStream);
        return 0;
    }

    private Map<String, BoxStats> sample(Boxes boxes) throws Exception {
        Map<String, BoxStats> out = new LinkedHashMap<>();
        List<BoxRecord> chosen = new ArrayList<>();
        if (names.isEmpty()) {
            for (BoxRecord b : boxes.list()) {
                if (boxes.status(b).running()) {
                    chosen.add(b);
                }
            }
        } else {
            for (String n : names) {
                chosen.add(boxes.find(n));
            }
        }
        for (BoxRecord b : chosen) {
            try {
                out.put(b.name(), boxes.stats(b));
            } catch (IllegalStateException notRunning) {
                // exited between listing and sampling
            }
        }
        return out;
    }
}
