package dev.foxbox.cli;

/** Ends a command with a specific exit code and message (a box's own status, say). */
final class ExitCodeException extends RuntimeException {
    private final int exitCode;

    ExitCodeException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
