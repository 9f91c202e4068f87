package dev.foxbox.registry;

import dev.foxbox.registry.auth.AuthFile;
import dev.foxbox.registry.auth.Credential;
import dev.foxbox.registry.auth.CredentialSource;
import dev.foxbox.registry.client.RegistryClient;
import dev.foxbox.registry.config.RegistryLocation;
import dev.foxbox.registry.endpoint.ApiCheckEndpoint;
import java.io.IOException;

/**
 * {@code foxbox login} and {@code logout}: a credential is checked against the registry
 * ({@code GET /v2/} with it, answering the registry's challenge) before it is stored in an
 * auth.json; logging out removes it.
 */
public final class RegistryLogin {

    private final RegistrySettings settings;

    public RegistryLogin(RegistrySettings settings) {
        this.settings = settings;
    }

    /**
     * Checks {@code credential} against {@code registry} and stores it in {@code file}.
     *
     * @param registry host[:port], or {@code docker.io}
     */
    public void login(String registry, Credential credential, AuthFile file) throws IOException {
        RegistryLocation origin = settings.config().origin(registryName(registry));
        RegistryClient client = settings.withCredentials(CredentialSource.only(origin.registry(), credential)).newClient();
        client.call(origin, null, new ApiCheckEndpoint(origin.registry()));
        file.store(origin.registry(), credential);
    }

    /** Removes the credential for {@code registry}; false when {@code file} had none. */
    public boolean logout(String registry, AuthFile file) throws IOException {
        return file.remove(registryName(registry));
    }

    /**
     * The registry a user named: {@code host[:port]}, also accepted as a URL
     * ({@code https://index.docker.io/v1/}, as docker users type it) or with an image path after it.
     */
    public static String registryName(String text) {
        String name = text.strip();
        int scheme = name.indexOf("://");
        if (scheme >= 0) {
            name = name.substring(scheme + 3);
        }
        int slash = name.indexOf('/');
        if (slash >= 0) {
            name = name.substring(0, slash);
        }
        if (!RegistryLocation.isHostPort(name)) {
            throw new IllegalArgumentException("invalid registry '" + text + "': expected host[:port], e.g. localhost:5000");
        }
        return switch (name) {
            case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> "docker.io";
            default -> name;
        };
    }
}
