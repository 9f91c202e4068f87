package dev.foxbox.registry.copy;

import dev.foxbox.image.json.ConfigJson;
import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.ImageConfig;
import dev.foxbox.image.model.ImageIndex;
import dev.foxbox.image.model.ImageManifest;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.model.MediaType;
import dev.foxbox.image.model.Platform;
import dev.foxbox.image.store.DigestMismatchException;
import dev.foxbox.image.store.ImageStore;
import dev.foxbox.registry.RegistryException;
import dev.foxbox.registry.endpoint.BlobSink;
import dev.foxbox.registry.endpoint.FetchedManifest;
import dev.foxbox.registry.endpoint.SinkException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Moves one image from an {@link ImageSource} to an {@link ImageDestination}, keeping both
 * interfaces' call orders: a registry to the store is a pull, the store to a registry a push.
 * <ol>
 *   <li>the reference's manifest; for an index, the manifest of the wanted platform (the error
 *       lists what the index offers when none matches);</li>
 *   <li>the config and the layers the destination lacks (and cannot {@link ImageDestination#reuse
 *       reuse}), {@code concurrency} at a time; the config is also read, to check the platform
 *       and the layer count;</li>
 *   <li>the manifest bytes, as the source sent them;</li>
 *   <li>the name. An index is not stored: the name points at the platform's manifest, with the
 *       platform and the index's digest ({@link Descriptor#INDEX_DIGEST}) on the entry, so that
 *       every OCI tool reads the image and a re-pull can compare digests.</li>
 * </ol>
 * Within one JVM a blob that another copy into the same destination is downloading is waited
 * for, not downloaded twice.
 */
public final class ImageCopier {

    private static final Map<String, CompletableFuture<Void>> IN_FLIGHT = new ConcurrentHashMap<>();
    private static final int MAX_NESTED_INDEXES = 4;

    private final int concurrency;
    private final String verb;

    /** A copier for pulls; @param concurrency blobs downloaded at once, at least 1 */
    public ImageCopier(int concurrency) {
        this(concurrency, "pull");
    }

    /**
     * @param concurrency blobs moved at once, at least 1
     * @param verb        what the copy is called in messages: "pull" or "push"
     */
    public ImageCopier(int concurrency, String verb) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrent " + verb + "s must be at least 1, not " + concurrency);
        }
        this.concurrency = concurrency;
        this.verb = verb;
    }

    /**
     * Copies the image {@code name} names and gives it that name at the destination.
     *
     * @param platform         the platform to pick from an index
     * @param platformRequired whether a single-platform image must be for {@code platform} too
     *                         (true when the user asked for one)
     */
    public <R> R copy(ImageSource source, ImageDestination<R> destination, ImageReference name, Platform platform,
                      boolean platformRequired, CopyProgress progress) throws IOException {
        FetchedManifest top = source.manifest(name.digest() != null ? name.digest().toString() : name.tag());
        FetchedManifest image = top;
        Descriptor picked = null;
        for (int depth = 0; image.manifest() instanceof ImageIndex index; depth++) {
            if (depth >= MAX_NESTED_INDEXES) {
                throw new RegistryException(verb + " " + name + ": indexes nested too deeply");
            }
            picked = pick(index, platform, name);
            image = source.manifest(picked.digest().toString());
            if (image.bytes().length != picked.size()) {
                throw new RegistryException(verb + " manifest " + picked.digest() + " of " + name + ": the index lists "
                        + picked.size() + " bytes, the registry sent " + image.bytes().length);
            }
        }
        ImageManifest manifest = (ImageManifest) image.manifest();
        checkIsImage(manifest, name, verb);

        List<Descriptor> blobs = new ArrayList<>();
        blobs.add(manifest.config());
        blobs.addAll(manifest.layers());
        progress.resolved(name, image.digest(), List.copyOf(blobs));
        byte[] config = transfer(source, destination, manifest, progress);
        checkConfig(config, manifest, name, platform, platformRequired, verb);

        destination.putManifest(image);
        Descriptor entry = image.descriptor();
        if (picked != null) {
            entry = entry.withPlatform(picked.platform()).withAnnotations(Map.of(Descriptor.INDEX_DIGEST, top.digest().toString()));
        }
        return destination.commit(entry, name);
    }

    /** The index's manifest for {@code platform}, or an error that lists what it offers. */
    static Descriptor pick(ImageIndex index, Platform platform, ImageReference name) throws RegistryException {
        Optional<Descriptor> found = index.manifestFor(platform);
        if (found.isPresent()) {
            return found.get();
        }
        Optional<Descriptor> nested = index.manifests().stream().filter(d -> d.mediaType().isIndex()).findFirst();
        if (nested.isPresent()) {
            return nested.get();
        }
        List<String> offered = index.platforms().stream()
                .filter(p -> !p.os().equals("unknown")) // attestation manifests, not images
                .map(Platform::toString).distinct().toList();
        throw new RegistryException(name + " has no image for " + platform + "; it offers "
                + (offered.isEmpty() ? "no platforms" : String.join(", ", offered)) + " (choose one with --platform)");
    }

    private static void checkIsImage(ImageManifest manifest, ImageReference name, String verb) throws RegistryException {
        MediaType config = manifest.config().mediaType();
        if (!config.equals(MediaType.OCI_CONFIG) && !config.equals(MediaType.DOCKER_CONFIG)) {
            throw new RegistryException(verb + " " + name + ": it is not a container image (its config is " + config + ")");
        }
        for (Descriptor layer : manifest.layers()) {
            if (!layer.mediaType().isLayer()) {
                throw new RegistryException(verb + " " + name + ": layer " + layer.digest() + " has media type "
                        + layer.mediaType() + ", which is not a filesystem layer");
            }
        }
    }

    private static void checkConfig(byte[] bytes, ImageManifest manifest, ImageReference name, Platform platform,
                                    boolean platformRequired, String verb) throws IOException {
        ImageConfig config;
        try {
            config = ConfigJson.read(bytes, "its config " + manifest.config().digest());
        } catch (IOException e) {
            throw new RegistryException(verb + " " + name + ": " + e.getMessage(), e);
        }
        if (platformRequired && !platform.matches(config.platform())) {
            throw new RegistryException(verb + " " + name + ": the image is for " + config.platform() + ", not " + platform);
        }
        int diffIds = config.rootfs().diffIds().size();
        if (diffIds != manifest.layers().size()) {
            throw new RegistryException(verb + " " + name + ": its config lists " + diffIds + " layers, its manifest "
                    + manifest.layers().size());
        }
    }

    /** Moves the config and the missing layers; returns the config's bytes. */
    private byte[] transfer(ImageSource source, ImageDestination<?> destination, ImageManifest manifest,
                            CopyProgress progress) throws IOException {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, 1 + manifest.layers().size()), r -> {
            Thread t = new Thread(r, "foxbox-" + verb + "-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Transfer transfer = new Transfer(source, destination, progress, verb);
        try {
            Future<byte[]> config = pool.submit(() -> transfer.config(manifest.config()));
            List<Future<?>> layers = new ArrayList<>();
            for (Descriptor layer : manifest.layers()) {
                layers.add(pool.submit(() -> {
                    transfer.layer(layer);
                    return null;
                }));
            }
            byte[] configBytes = await(config);
            for (Future<?> layer : layers) {
                await(layer);
            }
            return configBytes;
        } finally {
            transfer.cancelled = true;
            pool.shutdownNow();
            // After a failure the other downloads stop at their next chunk: wait for them, so that
            // nothing is written once the destination is closed.
            try {
                if (!pool.awaitTermination(2, TimeUnit.MINUTES)) {
                    progress.note("transfers still running after the " + verb + " failed are left behind");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static <T> T await(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException u) {
                cause = u.getCause();
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(cause);
        }
    }

    /** The work of one copy's threads. */
    private static final class Transfer {
        private final ImageSource source;
        private final ImageDestination<?> destination;
        private final CopyProgress progress;
        private final String verb;
        volatile boolean cancelled;

        Transfer(ImageSource source, ImageDestination<?> destination, CopyProgress progress, String verb) {
            this.source = source;
            this.destination = destination;
            this.progress = progress;
            this.verb = verb;
        }

        /** The config is always fetched (it is small), and stored when the destination lacks it. */
        byte[] config(Descriptor config) throws IOException {
            if (config.size() > ImageStore.MAX_METADATA_BYTES) {
                throw new RegistryException(verb + " config " + config.digest() + " from " + source.describe() + ": it is "
                        + config.size() + " bytes, over the limit of " + ImageStore.MAX_METADATA_BYTES);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) config.size());
            source.blob(config, new BlobSink() {
                @Override
                public long written() {
                    return bytes.size();
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    checkCancelled();
                    bytes.write(b, off, len);
                }
            });
            byte[] content = bytes.toByteArray();
            Digest actual = Digest.of(config.digest().algorithm(), config.digest().algorithm().newHasher().digest(content));
            if (!actual.equals(config.digest())) {
                throw new RegistryException(verb + " blob " + config.digest() + " from " + source.describe()
                        + ": content does not match its digest: got " + actual);
            }
            if (!destination.has(config)) {
                try (ImageDestination.PendingBlob pending = destination.newBlob(config)) {
                    pending.write(content, 0, content.length);
                    pending.commit();
                }
            }
            return content;
        }

        void layer(Descriptor layer) throws IOException {
            String key = destination.id() + "|" + layer.digest();
            while (true) {
                if (destination.has(layer)) {
                    progress.blobSkipped(layer);
                    return;
                }
                Optional<String> reused = destination.reuse(layer);
                if (reused.isPresent()) {
                    progress.blobReused(layer, reused.get());
                    return;
                }
                CompletableFuture<Void> mine = new CompletableFuture<>();
                CompletableFuture<Void> other = IN_FLIGHT.putIfAbsent(key, mine);
                if (other != null) {
                    waitFor(other); // another pull in this JVM is fetching it; look again when it is done
                    continue;
                }
                try {
                    download(layer);
                    mine.complete(null);
                } catch (IOException | RuntimeException e) {
                    mine.completeExceptionally(e);
                    throw e;
                } finally {
                    IN_FLIGHT.remove(key, mine);
                }
                return;
            }
        }

        private void download(Descriptor layer) throws IOException {
            progress.blobStarted(layer);
            try (ImageDestination.PendingBlob pending = destination.newBlob(layer)) {
                source.blob(layer, new BlobSink() {
                    @Override
                    public long written() {
                        return pending.written();
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        checkCancelled();
                        pending.write(b, off, len);
                        progress.blobProgress(layer, pending.written());
                    }
                });
                try {
                    pending.commit();
                } catch (DigestMismatchException e) {
                    throw new RegistryException(verb + " blob " + layer.digest() + " from " + source.describe() + ": "
                            + "refused: " + e.getMessage(), e);
                } catch (RegistryException e) {
                    throw e; // the destination's own words: "push blob … to …"
                } catch (IOException e) {
                    throw new RegistryException(verb + " blob " + layer.digest() + " from " + source.describe() + ": "
                            + e.getMessage(), e);
                }
            }
            progress.blobDone(layer);
        }

        private void checkCancelled() throws SinkException {
            if (cancelled) {
                throw new SinkException("cancelled: another transfer of this " + verb + " failed", null);
            }
        }

        private static void waitFor(CompletableFuture<Void> other) throws InterruptedIOException {
            try {
                other.get(1, TimeUnit.HOURS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                // It failed or hangs: this pull tries on its own.
            }
        }
    }
}
