package dev.foxbox.runtime.box;

import dev.foxbox.runtime.ids.IdMap;
import dev.foxbox.runtime.ids.IdMapping;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The processes in a running box (its foxes): those in the pid namespace of its first process. */
public final class BoxProcesses {

    /**
     * One process.
     *
     * @param pid    its host pid
     * @param boxPid its pid inside the box
     * @param uid    its user inside the box (-1 when the id is not mapped)
     */
    public record Fox(long pid, long boxPid, long uid, String command) {}

    private BoxProcesses() {}

    static List<Fox> of(long initPid, IdMapping ids) throws IOException {
        Path ns = Path.of("/proc", Long.toString(initPid), "ns", "pid");
        String namespace = Files.readSymbolicLink(ns).toString();
        List<Fox> foxes = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path proc : procs) {
                try {
                    if (!Files.readSymbolicLink(proc.resolve("ns/pid")).toString().equals(namespace)) {
                        continue;
                    }
                    long hostUid = -1;
                    long boxPid = -1;
                    for (String line : Files.readAllLines(proc.resolve("status"))) {
                        if (line.startsWith("Uid:")) {
                            hostUid = Long.parseLong(line.split("\\s+")[1]);
                        } else if (line.startsWith("NSpid:")) {
                            String[] pids = line.split("\\s+");
                            boxPid = Long.parseLong(pids[pids.length - 1]);
                        }
                    }
                    foxes.add(new Fox(Long.parseLong(proc.getFileName().toString()), boxPid, boxUid(ids, hostUid), command(proc)));
                } catch (IOException | RuntimeException e) {
                    // gone while we looked, or not ours to read
                }
            }
        }
        foxes.sort(Comparator.comparingLong(Fox::boxPid));
        return foxes;
    }

    private static String command(Path proc) throws IOException {
        byte[] cmdline = Files.readAllBytes(proc.resolve("cmdline"));
        if (cmdline.length == 0) {
            return "[" + Files.readString(proc.resolve("comm")).strip() + "]";
        }
        return new String(cmdline, StandardCharsets.UTF_8).replace('\0', ' ').strip();
    }

    private static long boxUid(IdMapping ids, long hostUid) {
        for (IdMap m : ids.uids()) {
            if (hostUid >= m.outside() && hostUid < m.outside() + m.count()) {
                return m.inside() + hostUid - m.outside();
            }
        }
        return -1;
    }
}
