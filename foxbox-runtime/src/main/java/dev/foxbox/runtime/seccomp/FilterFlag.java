package dev.foxbox.runtime.seccomp;

/**
 * The {@code flags} of a docker profile: flags for seccomp(SECCOMP_SET_MODE_FILTER). TSYNC is
 * accepted and dropped, as runc drops it: the helper installs the filter single-threaded, just
 * before execve.
 */
public enum FilterFlag {
    TSYNC("SECCOMP_FILTER_FLAG_TSYNC", 0),
    LOG("SECCOMP_FILTER_FLAG_LOG", 1 << 1),
    SPEC_ALLOW("SECCOMP_FILTER_FLAG_SPEC_ALLOW", 1 << 2);

    private final String scmpName;
    private final int bit;

    FilterFlag(String scmpName, int bit) {
        this.scmpName = scmpName;
        this.bit = bit;
    }

    public String scmpName() {
        return scmpName;
    }

    /** The bit the helper passes to seccomp(2); 0 for flags foxbox does not pass. */
    public int bit() {
        return bit;
    }

    static FilterFlag byScmpName(String name) {
        for (FilterFlag f : values()) {
            if (f.scmpName.equals(name)) {
                return f;
            }
        }
        return null;
    }
}
