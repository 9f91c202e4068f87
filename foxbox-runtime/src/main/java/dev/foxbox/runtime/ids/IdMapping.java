package dev.foxbox.runtime.ids;

import java.nio.file.Path;
import java.util.List;

/**
 * The uid and gid maps of a box's user namespace, and who writes them: the setuid
 * newuidmap/newgidmap when they map subordinate ids, or the helper itself for a single mapping
 * (or as real root).
 */
public record IdMapping(List<IdMap> uids, List<IdMap> gids, Path newuidmap, Path newgidmap) {

    public IdMapping {
        uids = List.copyOf(uids);
        gids = List.copyOf(gids);
        if (uids.isEmpty() || gids.isEmpty()) {
            throw new IllegalArgumentException("a user namespace needs a uid and a gid map");
        }
        if ((newuidmap == null) != (newgidmap == null)) {
            throw new IllegalArgumentException("newuidmap and newgidmap go together");
        }
    }

    /** Written through newuidmap/newgidmap (subordinate ids), not by the helper directly. */
    public boolean usesIdMapTools() {
        return newuidmap != null;
    }

    /** More than one id inside: images that need other users than root work. */
    public boolean mapsManyIds() {
        long total = 0;
        for (IdMap m : uids) {
            total += m.count();
        }
        return total > 1;
    }

    /** The host uid that a uid inside the box is, or -1 when it is not mapped. */
    public long hostUid(long uid) {
        return toHost(uids, uid);
    }

    public long hostGid(long gid) {
        return toHost(gids, gid);
    }

    public boolean mapsGid(long gid) {
        return hostGid(gid) >= 0;
    }

    private static long toHost(List<IdMap> maps, long id) {
        for (IdMap m : maps) {
            long host = m.toHost(id);
            if (host >= 0) {
                return host;
            }
        }
        return -1;
    }
}
