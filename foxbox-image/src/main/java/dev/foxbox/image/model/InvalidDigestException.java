package dev.foxbox.image.model;

/** A string that was expected to be a digest is not one. */
public final class InvalidDigestException extends IllegalArgumentException {
    public InvalidDigestException(String message) {
        super(message);
    }
}
