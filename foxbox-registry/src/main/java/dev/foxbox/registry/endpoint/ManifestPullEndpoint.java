package dev.foxbox.registry.endpoint;

import dev.foxbox.image.json.OciJson;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.Manifest;
import dev.foxbox.image.model.MediaType;
import dev.foxbox.registry.RegistryException;
import dev.foxbox.registry.client.RegistryEndpoint;
import dev.foxbox.registry.client.RegistryErrors;
import dev.foxbox.registry.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * {@code GET /v2/<name>/manifests/<tag or digest>}: an image manifest or an index, OCI or Docker
 * schema 2. The bytes are kept as received and hashed; asked by digest, they must match it.
 * Refused: Docker schema 1, documents that are not manifests, and anything over
 * {@link OciJson#MAX_MANIFEST_BYTES} (4 MiB, the limit registries apply to what they accept).
 */
public final class ManifestPullEndpoint implements RegistryEndpoint<FetchedManifest> {

    private final String repository;
    private final String reference;
    private final String image;
    private final String from;

    /**
     * @param repository the repository path on the host
     * @param reference  a tag or a digest
     * @param image      the image as the user named it, for messages ({@code docker.io/library/alpine:latest})
     * @param from       where it is pulled from, for messages ({@code 127.0.0.1:5000}, a mirror)
     */
    public ManifestPullEndpoint(String repository, String reference, String image, String from) {
        this.repository = repository;
        this.reference = reference;
        this.image = image;
        this.from = from;
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String url(String base) {
        return base + ManifestTypes.path(repository, reference);
    }

    @Override
    public List<String> accept() {
        return ManifestTypes.ACCEPTED;
    }

    @Override
    public String action() {
        return "pull manifest " + image + (image.startsWith(from + "/") ? "" : " from " + from);
    }

    @Override
    public FetchedManifest handle(Response response) throws IOException {
        MediaType type = contentType(response.header("Content-Type"));
        if (type != null && type.isSchema1()) {
            throw new RegistryException(action() + ": the registry has only a Docker schema 1 manifest (" + type
                    + "), which foxbox does not support; push the image again with a current tool");
        }
        long length = response.contentLength();
        if (length > OciJson.MAX_MANIFEST_BYTES) {
            throw tooLarge(length + " bytes");
        }
        byte[] bytes;
        try (InputStream in = response.body()) {
            bytes = in.readNBytes(OciJson.MAX_MANIFEST_BYTES + 1);
        }
        if (bytes.length > OciJson.MAX_MANIFEST_BYTES) {
            throw tooLarge("more than " + OciJson.MAX_MANIFEST_BYTES + " bytes");
        }
        if (length >= 0 && bytes.length != length) {
            throw new IOException("the connection closed after " + bytes.length + " of " + length + " bytes");
        }
        Digest expected = Digest.isDigest(reference) ? Digest.parse(reference) : null;
        Digest.Algorithm algorithm = expected != null ? expected.algorithm() : Digest.Algorithm.SHA256;
        Digest digest = Digest.of(algorithm, algorithm.newHasher().digest(bytes));
        if (expected != null && !expected.equals(digest)) {
            throw new RegistryException(action() + ": the registry sent a manifest whose digest is " + digest
                    + ", not the " + expected + " asked for");
        }
        Manifest manifest;
        try {
            manifest = OciJson.readManifest(bytes, type, "the manifest");
        } catch (IOException | IllegalArgumentException e) {
            throw new RegistryException(action() + ": " + e.getMessage(), e);
        }
        return new FetchedManifest(bytes, digest, manifest);
    }

    @Override
    public FetchedManifest handleError(Response response, RegistryErrors errors) throws IOException {
        if (response.status() == 404) {
            throw new RegistryException("manifest unknown: " + image + (image.startsWith(from + "/") ? "" : " (on " + from + ")"),
                    404, errors.codes(), null);
        }
        throw errors.exception(action());
    }

    private RegistryException tooLarge(String size) {
        return new RegistryException(action() + ": the registry sent a manifest of " + size + ", over foxbox's limit of "
                + OciJson.MAX_MANIFEST_BYTES + " bytes (4 MiB)");
    }

    private static MediaType contentType(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return MediaType.of(header);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
