package dev.foxbox.registry.endpoint;

import dev.foxbox.registry.RegistryException;

/**
 * The bytes could not be taken where they were going (the store failed, or the copy was
 * cancelled): no other location or retry would help.
 */
public final class SinkException extends RegistryException {
    public SinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
