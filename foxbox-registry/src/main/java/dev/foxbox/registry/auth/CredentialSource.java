package dev.foxbox.registry.auth;

import java.io.IOException;
import java.util.Optional;

/** Finds the credential to use for a registry, if the user has one. */
@FunctionalInterface
public interface CredentialSource {

    /**
     * @param registry   the registry as images name it ({@code docker.io}, {@code localhost:5000})
     * @param repository the repository being accessed, for files that hold credentials per
     *                   namespace; may be null
     */
    Optional<Credential> find(String registry, String repository) throws IOException;

    /** Anonymous access everywhere. */
    static CredentialSource none() {
        return (registry, repository) -> Optional.empty();
    }

    /** One credential for one registry, nothing for the others (what {@code login} checks). */
    static CredentialSource only(String registry, Credential credential) {
        return (r, repository) -> r.equals(registry) ? Optional.of(credential) : Optional.empty();
    }
}
