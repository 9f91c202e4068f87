package dev.foxbox.runtime.ids;

/** One line of a user namespace's uid_map or gid_map: ids inside..inside+count-1 are outside.. on the host. */
public record IdMap(long inside, long outside, long count) {

    public IdMap {
        if (inside < 0 || outside < 0 || count <= 0) {
            throw new IllegalArgumentException("invalid id map " + inside + " " + outside + " " + count);
        }
    }

    /** The host id an id inside maps to, or -1 when this line does not map it. */
    public long toHost(long id) {
        return id >= inside && id < inside + count ? outside + (id - inside) : -1;
    }
}
