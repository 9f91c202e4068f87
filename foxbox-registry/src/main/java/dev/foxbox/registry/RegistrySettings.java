package dev.foxbox.registry;

import dev.foxbox.registry.auth.AuthFile;
import dev.foxbox.registry.auth.CredentialSource;
import dev.foxbox.registry.auth.RegistryCredentials;
import dev.foxbox.registry.client.RegistryClient;
import dev.foxbox.registry.client.RetryPolicy;
import dev.foxbox.registry.config.RegistriesConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything about registries that comes from the user's environment: the registries file,
 * where credentials are, and how patient to be.
 *
 * @param readTimeout how long a download may stall before it counts as broken (and is resumed)
 */
public record RegistrySettings(RegistriesConfig config, CredentialSource credentials, RetryPolicy retry,
                               Duration connectTimeout, Duration readTimeout) {

    /**
     * The registries file from the XDG config directory and the credentials where podman and docker
     * keep them (see {@link RegistriesConfig} and {@link RegistryCredentials}).
     *
     * @param authFile an auth.json to look in first (a command's {@code --authfile}), or null
     * @param warnings told about credential sources that could not be read
     */
    public static RegistrySettings fromEnvironment(Map<String, String> env, Path authFile, Consumer<String> warnings)
            throws IOException {
        RegistryCredentials credentials = RegistryCredentials.fromEnvironment(env, warnings);
        if (authFile != null) {
            credentials = credentials.withFirst(new AuthFile(authFile));
        }
        return new RegistrySettings(RegistriesConfig.load(env), credentials, RetryPolicy.defaults(), Duration.ofSeconds(30),
                Duration.ofSeconds(60));
    }

    public RegistrySettings withCredentials(CredentialSource newCredentials) {
        return new RegistrySettings(config, newCredentials, retry, connectTimeout, readTimeout);
    }

    public RegistrySettings withRetry(RetryPolicy newRetry) {
        return new RegistrySettings(config, credentials, newRetry, connectTimeout, readTimeout);
    }

    public RegistrySettings withTimeouts(Duration connect, Duration read) {
        return new RegistrySettings(config, credentials, retry, connect, read);
    }

    /** A client with these credentials, retries and timeouts (the registries file is the caller's to apply). */
    public RegistryClient newClient() {
        return new RegistryClient(credentials, retry, connectTimeout, readTimeout, line -> { });
    }
}
