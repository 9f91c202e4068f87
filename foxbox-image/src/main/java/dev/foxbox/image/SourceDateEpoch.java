package dev.foxbox.image;

import java.time.Instant;

/**
 * Honours {@code SOURCE_DATE_EPOCH} (reproducible-builds.org): when it is set, it stands in for
 * "now" in everything foxbox writes, so the same inputs give the same image digests.
 */
public final class SourceDateEpoch {

    private SourceDateEpoch() {}

    /** The time to record as "now". */
    public static Instant now() {
        Instant fixed = fromEnvironment(System.getenv("SOURCE_DATE_EPOCH"));
        return fixed != null ? fixed : Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    /** The instant a SOURCE_DATE_EPOCH value names, or null when it is unset; malformed values are refused. */
    public static Instant fromEnvironment(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SOURCE_DATE_EPOCH must be a number of seconds since 1970, not '" + value + "'");
        }
    }
}
