package dev.foxbox.registry.copy;

import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.registry.PushedImage;
import dev.foxbox.registry.RegistryException;
import dev.foxbox.registry.client.RegistryClient;
import dev.foxbox.registry.config.RegistryLocation;
import dev.foxbox.registry.endpoint.BlobCheckEndpoint;
import dev.foxbox.registry.endpoint.BlobMountEndpoint;
import dev.foxbox.registry.endpoint.BlobUploadChunkEndpoint;
import dev.foxbox.registry.endpoint.BlobUploadFinishEndpoint;
import dev.foxbox.registry.endpoint.BlobUploadStartEndpoint;
import dev.foxbox.registry.endpoint.BlobUploadStatusEndpoint;
import dev.foxbox.registry.endpoint.FetchedManifest;
import dev.foxbox.registry.endpoint.ManifestPushEndpoint;
import dev.foxbox.registry.endpoint.UploadSession;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A repository of a registry as a destination: a push. Each request goes through the
 * {@link RegistryClient}, which owns authentication (a {@code pull,push} token), retries and
 * error messages.
 *
 * <ul>
 *   <li>{@link #has}: a HEAD of the blob; the registry's blobs are skipped.</li>
 *   <li>{@link #reuse}: a cross-repository mount from repositories of the same registry that
 *       are known to have the blob; a registry that declines opens an upload session instead,
 *       which the blob's upload then uses.</li>
 *   <li>{@link #newBlob}: an upload. The bytes are gathered into a buffer of
 *       {@code chunkSize}; a blob that fits is sent monolithically (POST, then one PUT with the
 *       bytes), a larger one in chunks (POST, a PATCH per full buffer, a PUT with the rest). A
 *       chunk the registry answers with 416 (it kept part of an earlier attempt whose connection
 *       broke) is continued from where the registry says it is. So at most one chunk per upload
 *       is in memory, never a layer.</li>
 *   <li>{@link #putManifest} keeps the manifest's bytes; {@link #commit} PUTs them, last, under
 *       the tag: the registry has every blob by then, and the digest is the store's.</li>
 * </ul>
 */
public final class RegistryDestination implements ImageDestination<PushedImage> {

    private final RegistryClient client;
    private final RegistryLocation location;
    private final ImageReference reference;
    private final String repository;
    private final Function<Digest, List<String>> mountSources;
    private final int chunkSize;
    private final Map<Digest, UploadSession> openedByMounts = new ConcurrentHashMap<>();
    private volatile FetchedManifest manifest;

    /**
     * @param location     the registry itself (pushes never go to mirrors)
     * @param reference    the image to push to; its tag names the manifest
     * @param mountSources for a blob, repositories of the same registry that should have it (up to a few)
     * @param chunkSize    blobs larger than this go in chunks of this size
     */
    public RegistryDestination(RegistryClient client, RegistryLocation location, ImageReference reference,
                               Function<Digest, List<String>> mountSources, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("the chunk size must be positive");
        }
        this.client = client;
        this.location = location;
        this.reference = reference;
        this.repository = location.repository(reference.repository());
        this.mountSources = mountSources;
        this.chunkSize = chunkSize;
    }

    @Override
    public String id() {
        return location.host() + "/" + repository;
    }

    @Override
    public boolean has(Descriptor blob) throws IOException {
        return client.call(location, repository, new BlobCheckEndpoint(repository, blob, reference.name()));
    }

    @Override
    public Optional<String> reuse(Descriptor blob) throws IOException {
        for (String from : mountSources.apply(blob.digest())) {
            String fromPath = location.repository(from);
            if (fromPath.equals(repository)) {
                continue;
            }
            BlobMountEndpoint.Result result = client.call(location, repository,
                    new BlobMountEndpoint(repository, blob, fromPath, reference.name()));
            if (result.mounted()) {
                return Optional.of(location.registry() + "/" + from);
            }
            openedByMounts.put(blob.digest(), result.upload()); // the registry declined, and opened an upload
        }
        return Optional.empty();
    }

    @Override
    public PendingBlob newBlob(Descriptor blob) {
        return new Upload(blob, openedByMounts.remove(blob.digest()));
    }

    @Override
    public void putManifest(FetchedManifest fetched) {
        this.manifest = fetched;
    }

    @Override
    public PushedImage commit(Descriptor entry, ImageReference name) throws IOException {
        FetchedManifest m = manifest;
        if (m == null || !m.digest().equals(entry.digest())) {
            throw new IllegalStateException("commit of " + entry.digest() + " before its manifest was put");
        }
        String tagOrDigest = name.tag() != null ? name.tag() : m.digest().toString();
        Digest digest = client.call(location, repository, new ManifestPushEndpoint(repository, tagOrDigest, m, name.toString()));
        return new PushedImage(name, new Descriptor(m.manifest().mediaType(), digest, m.bytes().length));
    }

    @Override
    public void close() {
        // Connections are the client's, and pooled. Sessions left open expire at the registry.
    }

    /** One blob's upload: see the class comment. */
    private final class Upload implements PendingBlob {
        private final Descriptor blob;
        private final String to = reference.name();
        private final byte[] buffer;
        private UploadSession session;
        private int buffered;
        private long sent;

        Upload(Descriptor blob, UploadSession opened) {
            this.blob = blob;
            this.session = opened;
            this.buffer = new byte[(int) Math.max(1, Math.min(chunkSize, blob.size()))];
        }

        @Override
        public long written() {
            return sent + buffered;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                if (buffered == buffer.length) {
                    sendChunk();
                }
                int n = Math.min(length, buffer.length - buffered);
                System.arraycopy(bytes, offset, buffer, buffered, n);
                buffered += n;
                offset += n;
                length -= n;
            }
        }

        @Override
        public void commit() throws IOException {
            if (written() != blob.size()) {
                throw new IOException("got " + written() + " bytes, the manifest lists " + blob.size());
            }
            if (session == null) {
                session = client.call(location, repository, new BlobUploadStartEndpoint(repository, blob, to));
            }
            // Monolithic when nothing was sent yet: the whole blob is this PUT's body.
            client.call(location, repository, new BlobUploadFinishEndpoint(session, buffer, 0, buffered, blob, to));
            sent += buffered;
            buffered = 0;
        }

        /** PATCHes the full buffer; after a 416, asks where the registry is and sends the rest from there. */
        private void sendChunk() throws IOException {
            if (session == null) {
                session = client.call(location, repository, new BlobUploadStartEndpoint(repository, blob, to));
            }
            int from = 0;
            boolean resumed = false;
            while (from < buffered) {
                try {
                    session = client.call(location, repository,
                            new BlobUploadChunkEndpoint(session, buffer, from, buffered - from, blob, to));
                    from = buffered;
                } catch (RegistryException e) {
                    if (e.status() != 416 || resumed) {
                        throw e;
                    }
                    resumed = true;
                    session = client.call(location, repository, new BlobUploadStatusEndpoint(session, blob, to));
                    long skip = session.offset() - sent;
                    if (skip < 0 || skip > buffered) {
                        throw new RegistryException("push blob " + blob.digest() + " to " + to + ": the registry has "
                                + session.offset() + " bytes of it, which the upload cannot continue from", e);
                    }
                    from = (int) skip;
                }
            }
            sent += buffered;
            buffered = 0;
        }

        @Override
        public void close() {
            // An unfinished session expires at the registry; nothing here to throw away.
        }
    }
}
