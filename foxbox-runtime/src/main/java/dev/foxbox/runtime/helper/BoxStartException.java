package dev.foxbox.runtime.helper;

/**
 * The helper could not start a box's command; {@link #exitCode()} is docker's: 125 for foxbox's
 * own failure, 126 when the command cannot be run, 127 when it is not found.
 */
public final class BoxStartException extends RuntimeException {

    private final String stage;
    private final int exitCode;

    public BoxStartException(String stage, String message, int exitCode) {
        super(stage + ": " + message);
        this.stage = stage;
        this.exitCode = exitCode;
    }

    public String stage() {
        return stage;
    }

    public int exitCode() {
        return exitCode;
    }
}
