package dev.foxbox.registry.copy;

import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.registry.endpoint.BlobSink;
import dev.foxbox.registry.endpoint.FetchedManifest;
import java.io.IOException;
import java.util.Optional;

/**
 * Where an image comes from: a registry ({@link RegistrySource}, a pull) or the local store
 * ({@link StoreSource}, a push).
 *
 * <p>Call order for one copy, which {@link ImageCopier} keeps:
 * <ol>
 *   <li>optionally {@link #peek()}, to learn cheaply what the reference points at now;</li>
 *   <li>{@link #manifest} for the reference's tag or digest, and again by digest for the
 *       platform's manifest when the first answer was an index;</li>
 *   <li>{@link #blob} for each config and layer the destination lacks, from several threads at
 *       once; a sink that already holds bytes is continued, not restarted;</li>
 *   <li>{@link #close()}.</li>
 * </ol>
 * Blobs are asked for only by digests that manifests from step 2 named.
 */
public interface ImageSource extends AutoCloseable {

    /** The image's name, for messages: {@code docker.io/library/alpine:latest}. */
    String describe();

    /** The digest the reference points at now, or empty when the source cannot tell without more work. */
    Optional<Digest> peek() throws IOException;

    /** A manifest or index, by tag or digest, with its bytes exactly as the source has them. */
    FetchedManifest manifest(String tagOrDigest) throws IOException;

    /** Streams the blob into the sink, from the sink's {@link BlobSink#written()} on. */
    void blob(Descriptor blob, BlobSink sink) throws IOException;

    @Override
    void close();
}
