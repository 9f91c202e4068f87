package dev.foxbox.runtime.ids;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides a box's id maps for the user running foxbox, as rootless podman does: the user is root
 * in the box, and the user's ranges from /etc/subuid and /etc/subgid are uids 1… Without ranges
 * (or without newuidmap) only root exists in the box; as real root, ids map to themselves.
 */
public final class SubordinateIds {

    /** The largest id range a user namespace can map: 2^32 - 1 ids. */
    private static final long ALL_IDS = 4294967295L;

    private final Path subuid;
    private final Path subgid;
    private final Path newuidmap;
    private final Path newgidmap;

    public SubordinateIds(Path subuid, Path subgid, Path newuidmap, Path newgidmap) {
        this.subuid = subuid;
        this.subgid = subgid;
        this.newuidmap = newuidmap;
        this.newgidmap = newgidmap;
    }

    public static SubordinateIds system() {
        return new SubordinateIds(Path.of("/etc/subuid"), Path.of("/etc/subgid"),
                findTool("newuidmap"), findTool("newgidmap"));
    }

    /** What the maps are, and a warning for the user when they are the single-mapping fallback. */
    public record Decision(IdMapping mapping, Optional<String> warning) {}

    public Decision decide(long uid, long gid, String userName) throws IOException {
        if (uid == 0) {
            IdMap all = new IdMap(0, 0, ALL_IDS);
            return new Decision(new IdMapping(List.of(all), List.of(all), null, null), Optional.empty());
        }
        List<IdMap> uidRanges = ranges(subuid, userName, uid);
        List<IdMap> gidRanges = ranges(subgid, userName, uid);
        if (!uidRanges.isEmpty() && !gidRanges.isEmpty() && newuidmap != null && newgidmap != null) {
            List<IdMap> uids = new ArrayList<>(List.of(new IdMap(0, uid, 1)));
            List<IdMap> gids = new ArrayList<>(List.of(new IdMap(0, gid, 1)));
            long next = 1;
            for (IdMap r : uidRanges) {
                uids.add(new IdMap(next, r.outside(), r.count()));
                next += r.count();
            }
            next = 1;
            for (IdMap r : gidRanges) {
                gids.add(new IdMap(next, r.outside(), r.count()));
                next += r.count();
            }
            return new Decision(new IdMapping(uids, gids, newuidmap, newgidmap), Optional.empty());
        }
        String why = uidRanges.isEmpty() || gidRanges.isEmpty()
                ? "no ranges for " + userName + " in /etc/subuid and /etc/subgid"
                : "newuidmap/newgidmap are not installed (package uidmap)";
        IdMapping single = new IdMapping(List.of(new IdMap(0, uid, 1)), List.of(new IdMap(0, gid, 1)), null, null);
        return new Decision(single, Optional.of("warning: " + why + "; only root exists in the box,"
                + " so images that need other users may break"));
    }

    /** The user's ranges, as (0, start, count) entries, from lines "name:start:count" or "uid:start:count". */
    static List<IdMap> ranges(Path file, String userName, long uid) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<IdMap> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split(":");
            if (f.length != 3 || !(f[0].equals(userName) || f[0].equals(Long.toString(uid)))) {
                continue;
            }
            try {
                long start = Long.parseLong(f[1]);
                long count = Long.parseLong(f[2]);
                if (count > 0) {
                    out.add(new IdMap(0, start, count));
                }
            } catch (NumberFormatException e) {
                // A malformed line is not ours to fix; shadow's tools skip them too.
            }
        }
        return out;
    }

    private static Path findTool(String name) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
