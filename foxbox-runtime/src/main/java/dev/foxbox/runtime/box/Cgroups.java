package dev.foxbox.runtime.box;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * cgroup v2 limits for boxes: a cgroup per box, the limits written to its files before the box's
 * first process is moved into it (by the helper), the cgroup removed after the box. Rootful, the
 * boxes' cgroups live under {@code /sys/fs/cgroup/foxbox}; rootless, under the subtree systemd
 * delegates to the user ({@code user@UID.service}) or another delegated cgroup the user is in.
 *
 * <p>A limit is never dropped silently: when one is asked for and the host cannot enforce it
 * (cgroup v1 or hybrid, or the controller not delegated), the box is refused with a message
 * saying what is missing and how to enable it.
 */
public final class Cgroups {

    private final Path fs;
    private final Path selfCgroup;
    private final long uid;

    /**
     * @param fs         the cgroup2 mount, {@code /sys/fs/cgroup}
     * @param selfCgroup {@code /proc/self/cgroup}
     */
    Cgroups(Path fs, Path selfCgroup, long uid) {
        this.fs = fs;
        this.selfCgroup = selfCgroup;
        this.uid = uid;
    }

    static Cgroups system(long uid) {
        return new Cgroups(Path.of("/sys/fs/cgroup"), Path.of("/proc/self/cgroup"), uid);
    }

    /** Makes the box's cgroup with its limits; null when no limit is asked for. */
    Path create(String boxId, BoxSpec.Resources r) throws IOException {
        if (!r.any()) {
            return null;
        }
        Set<String> needed = controllers(r);
        Path parent = parent(needed);
        Path dir = parent.resolve("foxbox-" + boxId.substring(0, 12));
        Files.createDirectories(dir);
        try {
            if (r.memory() > 0) {
                write(dir, "memory.max", Long.toString(r.memory()));
            }
            if (r.memorySwap() > 0) {
                long swap = r.memorySwap() - r.memory();
                if (swap < 0) {
                    throw new IllegalArgumentException("--memory-swap must be at least --memory (it is memory plus swap)");
                }
                write(dir, "memory.swap.max", Long.toString(swap));
            } else if (r.memorySwap() < 0) {
                write(dir, "memory.swap.max", "max");
            }
            if (r.cpus() > 0) {
                long period = 100_000;
                write(dir, "cpu.max", Math.round(r.cpus() * period) + " " + period);
            }
            if (r.cpuShares() > 0) {
                // docker's conversion of cgroup v1 shares (2..262144) to v2 weight (1..10000)
                long weight = 1 + ((Math.max(2, Math.min(262144, r.cpuShares())) - 2) * 9999) / 262142;
                write(dir, "cpu.weight", Long.toString(weight));
            }
            if (r.pidsLimit() != 0) {
                write(dir, "pids.max", r.pidsLimit() < 0 ? "max" : Long.toString(r.pidsLimit()));
            }
        } catch (IOException | RuntimeException e) {
            remove(dir);
            throw e;
        }
        return dir;
    }

    /** Removes a box's cgroup once its processes are gone; a missing one is fine. */
    static void remove(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // still has processes or was never there: the next rm tries again
        }
    }

    static Set<String> controllers(BoxSpec.Resources r) {
        Set<String> needed = new LinkedHashSet<>();
        if (r.memory() > 0 || r.memorySwap() != 0) {
            needed.add("memory");
        }
        if (r.cpus() > 0 || r.cpuShares() > 0) {
            needed.add("cpu");
        }
        if (r.pidsLimit() != 0) {
            needed.add("pids");
        }
        return needed;
    }

    /** The cgroup to make boxes' cgroups in, with the controllers enabled for its children. */
    Path parent(Set<String> needed) throws IOException {
        if (!Files.exists(fs.resolve("cgroup.controllers"))) {
            throw new CgroupException(String.join(", ", needed), "this host has no unified cgroup v2 hierarchy at " + fs
                    + " (it uses cgroup v1" + (Files.isDirectory(fs.resolve("unified")) ? ", hybrid" : "") + ")",
                    "boot with systemd.unified_cgroup_hierarchy=1 (the default on current distributions)");
        }
        List<Path> candidates = new ArrayList<>();
        if (uid == 0) {
            candidates.add(fs.resolve("foxbox"));
        } else {
            Path own = ownCgroup();
            String service = "user@" + uid + ".service";
            for (Path p = own; p != null && p.startsWith(fs) && !p.equals(fs); p = p.getParent()) {
                if (p.getFileName().toString().equals(service)) {
                    candidates.add(p.resolve("foxbox.slice"));
                }
            }
            if (own != null && own.getParent() != null && !own.getParent().equals(fs)) {
                candidates.add(own.getParent().resolve("foxbox.slice"));
            }
        }
        String why = "no cgroup foxbox may write to";
        for (Path candidate : candidates) {
            Path delegated = candidate.getParent();
            Set<String> available = words(delegated.resolve("cgroup.controllers"));
            if (!available.containsAll(needed) || !Files.isWritable(delegated.resolve("cgroup.subtree_control"))) {
                Set<String> lacking = new LinkedHashSet<>(needed);
                lacking.removeAll(available);
                why = lacking.isEmpty() ? delegated + " is not writable by this user"
                        : "the " + String.join(", ", lacking) + " controller" + (lacking.size() > 1 ? "s are" : " is")
                                + " not delegated to " + delegated;
                continue;
            }
            enable(delegated, needed);
            Files.createDirectories(candidate);
            enable(candidate, needed);
            return candidate;
        }
        throw new CgroupException(String.join(", ", needed), why,
                uid == 0 ? "enable the controllers in " + fs.resolve("cgroup.subtree_control")
                        : "delegate them to the user's systemd service: systemctl edit user@.service, add"
                                + " [Service] Delegate=cpu memory pids, then log in again");
    }

    private Path ownCgroup() throws IOException {
        try {
            for (String line : Files.readAllLines(selfCgroup)) {
                if (line.startsWith("0::")) {
                    return fs.resolve(line.substring(3).replaceFirst("^/", ""));
                }
            }
        } catch (NoSuchFileException e) {
            return null;
        }
        return null;
    }

    private static void enable(Path cgroup, Set<String> needed) throws IOException {
        Set<String> enabled = words(cgroup.resolve("cgroup.subtree_control"));
        for (String c : needed) {
            if (!enabled.contains(c)) {
                write(cgroup, "cgroup.subtree_control", "+" + c);
            }
        }
    }

    static Set<String> words(Path file) throws IOException {
        try {
            return new LinkedHashSet<>(List.of(Files.readString(file).trim().split("\\s+")));
        } catch (NoSuchFileException e) {
            return Set.of();
        }
    }

    private static void write(Path dir, String file, String value) throws IOException {
        Files.writeString(dir.resolve(file), value);
    }

    /** A limit that cannot be enforced here, with what is missing and how to fix it. */
    public static final class CgroupException extends IllegalStateException {
        CgroupException(String controllers, String why, String fix) {
            super("cannot enforce the " + controllers + " limit: " + why + "; " + fix
                    + " (or run the box without limits)");
        }
    }
}
