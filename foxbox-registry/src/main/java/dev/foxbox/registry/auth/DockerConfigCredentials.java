package dev.foxbox.registry.auth;

import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.registry.credentials.DockerConfigCredentialRetriever;
import dev.foxbox.image.model.ImageReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Credentials from docker's {@code config.json} ({@code $DOCKER_CONFIG/config.json}, else
 * {@code ~/.docker/config.json}): its {@code auths}, its per-registry {@code credHelpers} and its
 * {@code credsStore}. jib-core's retriever reads the file and runs the
 * {@code docker-credential-*} helpers, with Docker Hub's several names handled as docker does.
 */
public final class DockerConfigCredentials implements CredentialSource {

    private final Path configFile;
    private final Consumer<String> warnings;

    /**
     * @param configFile the config.json to read
     * @param warnings   told when the file or a helper fails; the pull then goes on anonymously
     */
    public DockerConfigCredentials(Path configFile, Consumer<String> warnings) {
        this.configFile = configFile;
        this.warnings = warnings;
    }

    /** {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}. */
    public static Path configFile(Map<String, String> env) {
        String dir = env.get("DOCKER_CONFIG");
        if (dir != null && !dir.isEmpty()) {
            return Path.of(dir, "config.json");
        }
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".docker", "config.json");
    }

    @Override
    public Optional<Credential> find(String registry, String repository) throws IOException {
        if (!Files.isRegularFile(configFile)) {
            return Optional.empty();
        }
        // jib knows Docker Hub by the name of its API host and looks up all its aliases from there.
        String name = registry.equals(ImageReference.DOCKER_HUB) ? "registry-1.docker.io" : registry;
        try {
            Optional<com.google.cloud.tools.jib.api.Credential> found =
                    DockerConfigCredentialRetriever.create(name, configFile).retrieve(this::log);
            return found.map(c -> c.isOAuth2RefreshToken()
                    ? Credential.identityToken(c.getPassword())
                    : Credential.of(c.getUsername(), c.getPassword()));
        } catch (IOException | RuntimeException e) {
            warnings.accept("cannot read credentials for " + registry + " from " + configFile + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private void log(LogEvent event) {
        if (event.getLevel() == LogEvent.Level.WARN || event.getLevel() == LogEvent.Level.ERROR) {
            warnings.accept(event.getMessage());
        }
    }
}
