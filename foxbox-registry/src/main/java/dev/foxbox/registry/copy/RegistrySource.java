package dev.foxbox.registry.copy;

import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.registry.RegistryException;
import dev.foxbox.registry.client.RegistryClient;
import dev.foxbox.registry.config.RegistryLocation;
import dev.foxbox.registry.endpoint.BlobPullEndpoint;
import dev.foxbox.registry.endpoint.BlobSink;
import dev.foxbox.registry.endpoint.FetchedManifest;
import dev.foxbox.registry.endpoint.ManifestCheckEndpoint;
import dev.foxbox.registry.endpoint.ManifestPullEndpoint;
import dev.foxbox.registry.endpoint.SinkException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An image in a registry, reached through its mirrors first and then the registry itself. The
 * first location that serves the manifest serves the blobs too; a blob that fails there is taken
 * from the next location, continuing where it stopped (a blob is the same bytes everywhere).
 */
public final class RegistrySource implements ImageSource {

    private final RegistryClient client;
    private final List<RegistryLocation> locations;
    private final ImageReference reference;
    private final Consumer<String> notes;
    private volatile int current;

    /**
     * @param locations mirrors in order, then the registry itself (see {@code RegistriesConfig#locations})
     * @param notes     told when a mirror fails and the next location is tried
     */
    public RegistrySource(RegistryClient client, List<RegistryLocation> locations, ImageReference reference,
                          Consumer<String> notes) {
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("no registry location for " + reference);
        }
        this.client = client;
        this.locations = List.copyOf(locations);
        this.reference = reference;
        this.notes = notes;
    }

    @Override
    public String describe() {
        return reference.toString();
    }

    @Override
    public Optional<Digest> peek() throws IOException {
        String tagOrDigest = tagOrDigest();
        for (int i = current; i < locations.size(); i++) {
            RegistryLocation location = locations.get(i);
            try {
                Optional<Digest> digest = client.call(location, location.repository(reference.repository()),
                        new ManifestCheckEndpoint(location.repository(reference.repository()), tagOrDigest, reference.toString()));
                if (digest.isPresent() || i == locations.size() - 1) {
                    current = i;
                    return digest;
                }
            } catch (RegistryException e) {
                if (i == locations.size() - 1) {
                    throw e;
                }
                fallback(location, e);
            }
        }
        return Optional.empty();
    }

    @Override
    public FetchedManifest manifest(String tagOrDigest) throws IOException {
        for (int i = current; ; i++) {
            RegistryLocation location = locations.get(i);
            String repository = location.repository(reference.repository());
            try {
                FetchedManifest m = client.call(location, repository,
                        new ManifestPullEndpoint(repository, tagOrDigest, image(tagOrDigest), from(location)));
                current = i;
                return m;
            } catch (RegistryException e) {
                if (i == locations.size() - 1) {
                    throw e;
                }
                fallback(location, e);
            }
        }
    }

    @Override
    public void blob(Descriptor blob, BlobSink sink) throws IOException {
        for (int i = current; ; i++) {
            RegistryLocation location = locations.get(i);
            String repository = location.repository(reference.repository());
            try {
                String from = (isOrigin(location) ? location.registry() : location.host()) + "/" + repository;
                client.call(location, repository, new BlobPullEndpoint(repository, blob, sink, from));
                return;
            } catch (SinkException e) {
                throw e;
            } catch (RegistryException e) {
                if (isOrigin(location)) {
                    throw e;
                }
                fallback(location, e);
            }
        }
    }

    /** The reference's tag, or its digest when it has one (a digest wins, as docker decides). */
    private String tagOrDigest() {
        return reference.digest() != null ? reference.digest().toString() : reference.tag();
    }

    private String image(String tagOrDigest) {
        String name = reference.name();
        return Digest.isDigest(tagOrDigest) ? name + "@" + tagOrDigest : name + ":" + tagOrDigest;
    }

    private String from(RegistryLocation location) {
        return isOrigin(location) ? location.registry() : location.toString();
    }

    private boolean isOrigin(RegistryLocation location) {
        return location == locations.get(locations.size() - 1);
    }

    private void fallback(RegistryLocation failed, RegistryException e) {
        int next = locations.indexOf(failed) + 1;
        notes.accept("mirror " + failed + ": " + e.getMessage() + "; trying " + from(locations.get(next)));
    }

    @Override
    public void close() {
        // Connections are the client's, and pooled.
    }
}
