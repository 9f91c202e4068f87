package dev.foxbox.registry.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The credentials a user has, looked up where podman and docker keep them, first found wins:
 * <ol>
 *   <li>{@code $REGISTRY_AUTH_FILE}</li>
 *   <li>{@code $XDG_RUNTIME_DIR/containers/auth.json} (where {@code podman login} and {@code foxbox login} write)</li>
 *   <li>{@code ~/.config/containers/auth.json}</li>
 *   <li>docker's {@code $DOCKER_CONFIG/config.json} or {@code ~/.docker/config.json}: auths, credHelpers, credsStore</li>
 * </ol>
 */
public final class RegistryCredentials implements CredentialSource {

    private final List<CredentialSource> sources;

    public RegistryCredentials(List<CredentialSource> sources) {
        this.sources = List.copyOf(sources);
    }

    public static RegistryCredentials fromEnvironment(Map<String, String> env, Consumer<String> warnings) {
        List<CredentialSource> sources = new ArrayList<>();
        String explicit = env.get("REGISTRY_AUTH_FILE");
        if (explicit != null && !explicit.isEmpty()) {
            sources.add(new AuthFile(Path.of(explicit)));
        }
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isEmpty()) {
            sources.add(new AuthFile(Path.of(runtime, "containers", "auth.json")));
        }
        sources.add(new AuthFile(AuthFile.userFile(env)));
        sources.add(new DockerConfigCredentials(DockerConfigCredentials.configFile(env), warnings));
        return new RegistryCredentials(sources);
    }

    /** An explicit auth file first (a command's {@code --authfile}), then these sources. */
    public RegistryCredentials withFirst(CredentialSource source) {
        List<CredentialSource> all = new ArrayList<>();
        all.add(source);
        all.addAll(sources);
        return new RegistryCredentials(all);
    }

    @Override
    public Optional<Credential> find(String registry, String repository) throws IOException {
        for (CredentialSource source : sources) {
            Optional<Credential> found = source.find(registry, repository);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
