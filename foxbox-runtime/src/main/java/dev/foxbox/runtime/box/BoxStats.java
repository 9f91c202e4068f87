package dev.foxbox.runtime.box;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A running box's resource use: from its cgroup when it has one (memory.current, cpu.stat,
 * pids.current, and the limits), else summed over its processes from /proc.
 *
 * @param memory      bytes in use
 * @param memoryLimit the limit in bytes, or -1 when there is none
 * @param cpuMicros   CPU time used so far, in microseconds (two samples give a percentage)
 * @param pids        processes (and threads, from a cgroup) in the box
 */
public record BoxStats(long memory, long memoryLimit, long cpuMicros, long pids) {

    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    static BoxStats sample(Path cgroup, List<BoxProcesses.Fox> foxes) throws IOException {
        if (cgroup != null && Files.isDirectory(cgroup)) {
            long memory = number(cgroup.resolve("memory.current"), -1);
            long limit = number(cgroup.resolve("memory.max"), -1);
            long cpu = -1;
            try {
                for (String line : Files.readAllLines(cgroup.resolve("cpu.stat"))) {
                    if (line.startsWith("usage_usec ")) {
                        cpu = Long.parseLong(line.substring(11).trim());
                    }
                }
            } catch (NoSuchFileException e) {
                // no cpu controller
            }
            long pids = number(cgroup.resolve("pids.current"), foxes.size());
            if (memory >= 0 && cpu >= 0) {
                return new BoxStats(memory, limit, cpu, pids);
            }
        }
        long rss = 0;
        long ticks = 0;
        for (BoxProcesses.Fox fox : foxes) {
            Path proc = Path.of("/proc", Long.toString(fox.pid()));
            try {
                for (String line : Files.readAllLines(proc.resolve("status"))) {
                    if (line.startsWith("VmRSS:")) {
                        rss += Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                    }
                }
                String stat = Files.readString(proc.resolve("stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
            } catch (IOException | RuntimeException e) {
                // gone while we looked
            }
        }
        return new BoxStats(rss, -1, ticks * 1_000_000 / TICKS_PER_SECOND, foxes.size());
    }

    private static long number(Path file, long fallback) throws IOException {
        try {
            String text = Files.readString(file).trim();
            return text.equals("max") ? -1 : Long.parseLong(text);
        } catch (NoSuchFileException | NumberFormatException e) {
            return fallback;
        }
    }
}
