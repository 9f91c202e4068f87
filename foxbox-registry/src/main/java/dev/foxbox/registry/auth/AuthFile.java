package dev.foxbox.registry.auth;

import dev.foxbox.image.model.ImageReference;
import dev.foxbox.registry.json.AuthJson;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A containers auth.json file: read for credentials, and written by {@code foxbox login} and
 * {@code logout}. The file is replaced atomically and is readable by its owner only (0600): it
 * holds passwords.
 */
public final class AuthFile implements CredentialSource {

    /** Docker Hub's names in auth files, docker's legacy URL included. */
    private static final List<String> DOCKER_HUB_KEYS = List.of("docker.io", "index.docker.io", "registry-1.docker.io",
            "registry.hub.docker.com", "https://index.docker.io/v1/");

    private final Path path;

    public AuthFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /**
     * The file {@code login} writes, as podman chooses it: {@code $REGISTRY_AUTH_FILE}, else
     * {@code $XDG_RUNTIME_DIR/containers/auth.json}, else {@code ~/.config/containers/auth.json}.
     */
    public static AuthFile forLogin(Map<String, String> env) {
        String explicit = env.get("REGISTRY_AUTH_FILE");
        if (explicit != null && !explicit.isEmpty()) {
            return new AuthFile(Path.of(explicit));
        }
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isEmpty() && Files.isDirectory(Path.of(runtime))) {
            return new AuthFile(Path.of(runtime, "containers", "auth.json"));
        }
        return new AuthFile(userFile(env));
    }

    /** {@code ~/.config/containers/auth.json} (or under {@code $XDG_CONFIG_HOME}). */
    static Path userFile(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config");
        return config.resolve("containers").resolve("auth.json");
    }

    @Override
    public Optional<Credential> find(String registry, String repository) throws IOException {
        byte[] bytes = readOrNull();
        if (bytes == null) {
            return Optional.empty();
        }
        Map<String, Credential> auths = AuthJson.read(bytes, "auth file " + path);
        for (String key : lookupKeys(registry, repository)) {
            Credential c = auths.get(key);
            if (c != null) {
                return Optional.of(c);
            }
        }
        // Keys written as URLs by older tools: https://host/v1/ and the like.
        for (Map.Entry<String, Credential> e : auths.entrySet()) {
            if (e.getKey().contains("://") && matchesUrl(e.getKey(), registry)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** Stores {@code credential} for {@code registry}, replacing any other of its keys. */
    public void store(String registry, Credential credential) throws IOException {
        byte[] existing = readOrNull();
        String what = "auth file " + path;
        if (existing != null) {
            existing = AuthJson.withoutAuths(existing, what, keysOf(existing, registry));
        }
        write(AuthJson.withAuth(existing, what, key(registry), credential));
    }

    /** Removes the credential for {@code registry}; false when there was none. */
    public boolean remove(String registry) throws IOException {
        byte[] existing = readOrNull();
        if (existing == null) {
            return false;
        }
        List<String> keys = keysOf(existing, registry);
        if (keys.isEmpty()) {
            return false;
        }
        write(AuthJson.withoutAuths(existing, "auth file " + path, keys));
        return true;
    }

    /** Removes every credential; returns how many there were. */
    public int removeAll() throws IOException {
        byte[] existing = readOrNull();
        if (existing == null) {
            return 0;
        }
        List<String> keys = AuthJson.keys(existing, "auth file " + path);
        if (!keys.isEmpty()) {
            write(AuthJson.withoutAuths(existing, "auth file " + path, keys));
        }
        return keys.size();
    }

    /** The key auth.json uses for a registry: {@code docker.io} for every name of Docker Hub. */
    static String key(String registry) {
        return DOCKER_HUB_KEYS.contains(registry) ? ImageReference.DOCKER_HUB : registry;
    }

    private List<String> keysOf(byte[] existing, String registry) throws IOException {
        List<String> names = DOCKER_HUB_KEYS.contains(registry) ? DOCKER_HUB_KEYS : List.of(registry);
        List<String> out = new ArrayList<>();
        for (String k : AuthJson.keys(existing, "auth file " + path)) {
            if (names.contains(k) || (k.contains("://") && matchesUrl(k, registry))) {
                out.add(k);
            }
        }
        return out;
    }

    /** Most specific first: {@code host/ns/repo}, {@code host/ns}, then the registry's names. */
    static List<String> lookupKeys(String registry, String repository) {
        List<String> keys = new ArrayList<>();
        if (repository != null && !repository.isEmpty()) {
            String path = repository;
            while (true) {
                keys.add(key(registry) + "/" + path);
                int slash = path.lastIndexOf('/');
                if (slash < 0) {
                    break;
                }
                path = path.substring(0, slash);
            }
        }
        if (DOCKER_HUB_KEYS.contains(registry)) {
            keys.addAll(DOCKER_HUB_KEYS);
        } else {
            keys.add(registry);
        }
        return keys;
    }

    private static boolean matchesUrl(String key, String registry) {
        try {
            URI uri = URI.create(key);
            String hostPort = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return hostPort != null && (hostPort.equals(registry)
                    || (DOCKER_HUB_KEYS.contains(registry) && DOCKER_HUB_KEYS.contains(hostPort)));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private byte[] readOrNull() throws IOException {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private void write(byte[] content) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Path tmp = Files.createTempFile(dir, ".auth.json-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
