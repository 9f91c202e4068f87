package dev.foxbox.registry;

import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.model.Platform;
import dev.foxbox.image.store.ImageNotFoundException;
import dev.foxbox.image.store.ImageStore;
import dev.foxbox.image.store.StoredImage;
import dev.foxbox.registry.client.RegistryClient;
import dev.foxbox.registry.config.RegistryLocation;
import dev.foxbox.registry.copy.ImageCopier;
import dev.foxbox.registry.copy.RegistryDestination;
import dev.foxbox.registry.copy.StoreSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pushes images from the local store to registries: what {@code foxbox push} runs. It is a pull
 * turned around: {@link ImageCopier} copies from a {@link StoreSource} into a
 * {@link RegistryDestination}, with the same credentials, registries file and retries as
 * {@link ImagePuller}. Blobs the repository has are skipped; a blob that another repository of
 * the same registry should have (the store has an image of that repository with it) is mounted
 * from there; the rest are uploaded, and the manifest, byte for byte as stored, goes last.
 *
 * <p>A multi-platform image in the store is pushed as its platform's manifest, the one every
 * foxbox command sees (see {@link ImageStore#resolveEntry}).
 */
public final class ImagePusher {

    /** Repositories tried for a cross-repository mount of one blob, at most. */
    private static final int MAX_MOUNT_SOURCES = 3;

    private final ImageStore store;
    private final RegistrySettings settings;
    private RegistryClient client;

    public ImagePusher(ImageStore store, RegistrySettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /**
     * Pushes {@code image} to {@code destination}, a reference with a tag.
     *
     * @return the manifest as the registry now has it under the tag
     */
    public PushedImage push(StoredImage image, ImageReference destination, PushOptions options) throws IOException {
        if (destination.digest() != null) {
            throw new IllegalArgumentException("push " + destination + ": an image is pushed to a tag, not to a digest");
        }
        if (settings.config().blocked(destination.registry())) {
            throw new RegistryException("push " + destination + ": the registry " + destination.registry()
                    + " is blocked in " + settings.config().source());
        }
        PushProgress progress = options.progress();
        RegistryLocation location = settings.config().origin(destination.registry());
        Map<Digest, List<String>> sources = mountSources(destination);
        try (StoreSource source = new StoreSource(store, image);
             RegistryDestination target = new RegistryDestination(client().withNotes(progress::note), location, destination,
                     digest -> sources.getOrDefault(digest, List.of()), options.chunkSize())) {
            PushedImage pushed = new ImageCopier(options.maxConcurrentUploads(), "push")
                    .copy(source, target, destination, Platform.host(), false, progress);
            progress.finished(pushed);
            return pushed;
        }
    }

    /**
     * For each blob, the other repositories of the destination's registry that images in the
     * store are named after: the registry has the blob there if the image came from (or went
     * to) it, and can mount it from there.
     */
    private Map<Digest, List<String>> mountSources(ImageReference destination) throws IOException {
        Map<Digest, List<String>> sources = new HashMap<>();
        for (Descriptor entry : store.layout().index().manifests()) {
            if (entry.refName() == null || !ImageReference.isValid(entry.refName())) {
                continue;
            }
            ImageReference name = ImageReference.parse(entry.refName());
            if (!name.registry().equals(destination.registry()) || name.repository().equals(destination.repository())) {
                continue;
            }
            StoredImage other;
            try {
                other = store.resolveEntry(entry, Platform.host());
            } catch (IOException | ImageNotFoundException e) {
                continue; // unreadable entries just offer no mounts
            }
            for (Descriptor layer : other.manifest().layers()) {
                List<String> repositories = sources.computeIfAbsent(layer.digest(), d -> new ArrayList<>());
                if (repositories.size() < MAX_MOUNT_SOURCES && !repositories.contains(name.repository())) {
                    repositories.add(name.repository());
                }
            }
        }
        return sources;
    }

    /** One client per puller or pusher, made when first needed: its tokens serve every image. */
    private synchronized RegistryClient client() {
        if (client == null) {
            client = settings.newClient();
        }
        return client;
    }
}
