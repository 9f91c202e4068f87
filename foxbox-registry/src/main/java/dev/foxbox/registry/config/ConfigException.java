package dev.foxbox.registry.config;

import java.io.IOException;

/** A registries file that cannot be used; the message starts with {@code file:line:}. */
public final class ConfigException extends IOException {
    public ConfigException(String message) {
        super(message);
    }
}
