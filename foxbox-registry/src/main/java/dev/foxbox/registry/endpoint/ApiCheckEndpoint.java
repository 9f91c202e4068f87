package dev.foxbox.registry.endpoint;

import dev.foxbox.registry.client.RegistryEndpoint;
import dev.foxbox.registry.client.Response;

/**
 * {@code GET /v2/}: whether the registry speaks the distribution API and accepts the
 * credentials the client sends. What {@code foxbox login} checks before it stores a password.
 */
public final class ApiCheckEndpoint implements RegistryEndpoint<Void> {

    private final String registry;

    public ApiCheckEndpoint(String registry) {
        this.registry = registry;
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String url(String base) {
        return base + "/v2/";
    }

    @Override
    public String action() {
        return "log in to " + registry;
    }

    @Override
    public Void handle(Response response) {
        return null;
    }
}
