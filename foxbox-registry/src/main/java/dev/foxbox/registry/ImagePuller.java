package dev.foxbox.registry;

import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.model.Platform;
import dev.foxbox.image.store.HasherWarmUp;
import dev.foxbox.image.store.ImageNotFoundException;
import dev.foxbox.image.store.ImageStore;
import dev.foxbox.image.store.StoredImage;
import dev.foxbox.registry.client.RegistryClient;
import dev.foxbox.registry.config.RegistriesConfig;
import dev.foxbox.registry.config.ShortNames;
import dev.foxbox.registry.copy.ImageCopier;
import dev.foxbox.registry.copy.RegistrySource;
import dev.foxbox.registry.copy.StoreDestination;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pulls images from registries into the local store: what {@code foxbox pull} runs, and what
 * the runtime and the builder call for an image they do not have ({@link #ensure}).
 *
 * <p>A tag that is already in the store costs one request: a HEAD of the manifest, whose
 * {@code Docker-Content-Digest} is compared with the digest recorded at the last pull (the
 * index's, for a multi-platform image). A digest reference in the store costs none. Otherwise
 * the image is copied by {@link ImageCopier} from a {@link RegistrySource} (mirrors first) into
 * a {@link StoreDestination}; blobs the store has are skipped.
 *
 * <p>Thread-safe; one puller may serve several pulls at once, sharing tokens and connections.
 */
public final class ImagePuller {

    private final ImageStore store;
    private final RegistrySettings settings;
    private RegistryClient client;

    public ImagePuller(ImageStore store, RegistrySettings settings) {
        this.store = store;
        this.settings = settings;
    }

    public RegistriesConfig config() {
        return settings.config();
    }

    /** Pulls {@code reference} (a full reference: no short-name search) and names it so in the store. */
    public StoredImage pull(ImageReference reference, PullOptions options) throws IOException {
        if (settings.config().blocked(reference.registry())) {
            throw new RegistryException("pull " + reference + ": the registry " + reference.registry() + " is blocked in "
                    + settings.config().source());
        }
        Platform platform = options.effectivePlatform();
        PullProgress progress = options.progress();
        RegistryClient notesClient = client().withNotes(progress::note);
        try (RegistrySource source = new RegistrySource(notesClient, settings.config().locations(reference.registry()),
                reference, progress::note)) {
            StoredImage existing = existing(reference, platform);
            if (existing != null && upToDate(existing, reference, source, platform, options.platform() != null)) {
                progress.finished(existing, false);
                return existing;
            }
            HasherWarmUp.start(Digest.Algorithm.SHA256); // layers come after the manifest: see HasherWarmUp
            try (StoreDestination destination = new StoreDestination(store, platform)) {
                StoredImage pulled = new ImageCopier(options.maxConcurrentDownloads())
                        .copy(source, destination, reference, platform, options.platform() != null, progress);
                progress.finished(pulled, true);
                return pulled;
            }
        }
    }

    /**
     * Pulls an image by the name a user typed: a short name ({@code alpine}) is looked for in the
     * registries file's {@code unqualified-search-registries}, in order.
     */
    public StoredImage pull(String name, PullOptions options) throws IOException {
        List<ImageReference> candidates = ShortNames.candidates(name, settings.config());
        if (candidates.size() == 1) {
            return pull(candidates.get(0), options);
        }
        List<String> failures = new ArrayList<>();
        for (ImageReference candidate : candidates) {
            try {
                return pull(candidate, options);
            } catch (RegistryException e) {
                // Docker Hub answers 401 for repositories that do not exist: try the next registry too.
                if (!e.notFound() && e.status() != 401 && e.status() != 403) {
                    throw e;
                }
                failures.add(e.getMessage());
            }
        }
        throw new RegistryException("pull " + name + ": not found in any registry for short names: "
                + String.join("; ", failures), 404, List.of(), null);
    }

    /**
     * The image {@code name} names, from the store when it is there for the platform, else pulled:
     * what {@code foxbox run} and {@code foxbox build} do for an image they lack.
     */
    public StoredImage ensure(String name, PullOptions options) throws IOException {
        Platform platform = options.effectivePlatform();
        for (ImageReference candidate : ShortNames.candidates(name, settings.config())) {
            try {
                StoredImage found = store.find(candidate.toString(), platform);
                if (options.platform() == null || platform.matches(found.config().platform())) {
                    return found;
                }
            } catch (ImageNotFoundException e) {
                // not here: try the next, then pull
            }
        }
        return pull(name, options);
    }

    /** The entry named exactly {@code reference}, resolved; null when there is none or it cannot be read. */
    private StoredImage existing(ImageReference reference, Platform platform) throws IOException {
        for (Descriptor entry : store.layout().index().manifests()) {
            if (entry.refName() != null && ImageReference.isValid(entry.refName())
                    && ImageReference.parse(entry.refName()).equals(reference)) {
                try {
                    return store.resolveEntry(entry, platform);
                } catch (IOException | ImageNotFoundException e) {
                    return null; // broken or partial: pull it again
                }
            }
        }
        return null;
    }

    private boolean upToDate(StoredImage existing, ImageReference reference, RegistrySource source, Platform platform,
                             boolean platformRequired) throws IOException {
        Platform recorded = existing.entry().platform();
        boolean platformOk = recorded != null ? platform.matches(recorded)
                : !platformRequired || platform.matches(existing.config().platform());
        if (!platformOk || !complete(existing)) {
            return false;
        }
        if (reference.digest() != null) {
            return true; // content addressed: what is here is what the registry has
        }
        Optional<Digest> now = source.peek();
        return now.isPresent() && now.get().equals(existing.repoDigest());
    }

    private boolean complete(StoredImage image) throws IOException {
        if (!store.blobs().contains(image.manifest().config().digest())) {
            return false;
        }
        for (Descriptor layer : image.manifest().layers()) {
            if (!store.blobs().contains(layer.digest())) {
                return false;
            }
        }
        return true;
    }

    /** One client per puller or pusher, made when first needed: its tokens serve every image. */
    private synchronized RegistryClient client() {
        if (client == null) {
            client = settings.newClient();
        }
        return client;
    }
}
