package dev.foxbox.registry.config;

import java.nio.file.Path;
import java.util.List;

/**
 * What a registries file says about one registry.
 *
 * @param location the registry, host[:port] ({@code docker.io} for Docker Hub)
 * @param insecure plain http or unverified TLS; null when the file does not say (loopback hosts
 *                 are insecure by default, others are not)
 * @param blocked  pulls from it are refused
 * @param caFile   a certificate (PEM) trusted for it besides the system's, or null
 * @param mirrors  tried in order before the registry itself
 */
public record RegistryEntry(String location, Boolean insecure, boolean blocked, Path caFile, List<Mirror> mirrors) {

    public RegistryEntry {
        mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
    }

    /**
     * A mirror: host[:port], optionally followed by a path that prefixes every repository
     * ({@code mirror.example/dockerhub} serves {@code library/alpine} as {@code dockerhub/library/alpine}).
     */
    public record Mirror(String location, Boolean insecure, Path caFile) {}
}
