package dev.foxbox.build.expand;

/**
 * A word that cannot be expanded: an unterminated quote, a malformed {@code ${...}}, a
 * {@code ${x:?message}} whose variable is unset. {@link Expansion} turns it into a
 * {@code FoxfileException} at the instruction's location.
 */
public final class ExpansionException extends RuntimeException {

    private final String reason;

    ExpansionException(String reason) {
        this(reason, reason);
    }

    ExpansionException(String message, String reason) {
        super(message);
        this.reason = reason;
    }

    /** What is wrong, without the word it is wrong in. */
    public String reason() {
        return reason;
    }
}
