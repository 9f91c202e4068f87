package dev.foxbox.runtime.seccomp;

/**
 * A seccomp profile that cannot become a filter: bad JSON, a bad field (the message names the file,
 * the field path and the bad value, e.g. {@code my.json: syscalls[2].args[0].op: unknown operator
 * "SCMP_CMP_FOO"}), or a program longer than the kernel accepts.
 */
public final class InvalidProfileException extends Exception {
    public InvalidProfileException(String message) {
        super(message);
    }
}
