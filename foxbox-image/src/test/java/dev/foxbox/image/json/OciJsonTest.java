package dev.foxbox.image.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.ImageIndex;
import dev.foxbox.image.model.ImageManifest;
import dev.foxbox.image.model.MediaType;
import dev.foxbox.image.model.Platform;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OciJsonTest {

    static final String CONFIG = "sha256:" + "1".repeat(64);
    static final String LAYER = "sha256:" + "2".repeat(64);

    static final String DOCKER_MANIFEST = """
            {
               "schemaVersion": 2,
               "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
               "config": {
                  "mediaType": "application/vnd.docker.container.image.v1+json",
                  "size": 1472,
                  "digest": "%s"
               },
               "layers": [
                  {
                     "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
                     "size": 3408729,
                     "digest": "%s"
                  }
               ]
            }""".formatted(CONFIG, LAYER);

    static final String DOCKER_LIST = """
            {
              "schemaVersion": 2,
              "mediaType": "application/vnd.docker.distribution.manifest.list.v2+json",
              "manifests": [
                {"mediaType": "application/vnd.docker.distribution.manifest.v2+json", "size": 528,
                 "digest": "sha256:%s", "platform": {"architecture": "amd64", "os": "linux"}},
                {"mediaType": "application/vnd.docker.distribution.manifest.v2+json", "size": 528,
                 "digest": "sha256:%s", "platform": {"architecture": "arm64", "os": "linux", "variant": "v8"}},
                {"mediaType": "application/vnd.docker.distribution.manifest.v2+json", "size": 528,
                 "digest": "sha256:%s", "platform": {"architecture": "arm", "os": "linux", "variant": "v6"}}
              ]
            }""".formatted("a".repeat(64), "b".repeat(64), "c".repeat(64));

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsDockerSchema2AndConvertsToOci() throws Exception {
        ImageManifest m = assertInstanceOf(ImageManifest.class, OciJson.readManifest(b(DOCKER_MANIFEST), null, "m"));
        assertEquals(MediaType.DOCKER_MANIFEST, m.mediaType());
        assertEquals(3408729, m.layers().get(0).size());
        ImageManifest oci = m.toOci();
        assertEquals(MediaType.OCI_MANIFEST, oci.mediaType());
        assertEquals(MediaType.OCI_CONFIG, oci.config().mediaType());
        assertEquals(MediaType.OCI_LAYER_GZIP, oci.layers().get(0).mediaType());
        assertEquals(LAYER, oci.layers().get(0).digest().toString());
    }

    @Test
    void readsDockerManifestListAndPicksPlatforms() throws Exception {
        ImageIndex index = assertInstanceOf(ImageIndex.class, OciJson.readManifest(b(DOCKER_LIST), null, "list"));
        assertEquals(3, index.manifests().size());
        assertEquals("sha256:" + "b".repeat(64),
                index.manifestFor(Platform.parse("linux/arm64")).orElseThrow().digest().toString());
        assertTrue(index.manifestFor(Platform.parse("linux/arm/v7")).isEmpty());
        assertEquals("[linux/amd64, linux/arm64/v8, linux/arm/v6]", index.platforms().toString());
        assertEquals(MediaType.OCI_MANIFEST, index.toOci().manifests().get(0).mediaType());
    }

    @Test
    void roundTripsOciManifestByteForByte() throws Exception {
        ImageManifest m = OciJson.readManifest(b(DOCKER_MANIFEST), null, "m") instanceof ImageManifest x ? x.toOci() : null;
        byte[] once = OciJson.write(m);
        byte[] twice = OciJson.write(OciJson.readManifest(once, null, "again"));
        assertArrayEquals(once, twice);
        assertTrue(new String(once, StandardCharsets.UTF_8).startsWith(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"));
    }

    @Test
    void usesTheHintOrTheShapeWhenMediaTypeIsAbsent() throws Exception {
        String noType = "{\"schemaVersion\":2,\"manifests\":[]}";
        assertInstanceOf(ImageIndex.class, OciJson.readManifest(b(noType), null, "x"));
        String manifest = "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                + "\"digest\":\"" + CONFIG + "\",\"size\":2},\"layers\":[]}";
        assertInstanceOf(ImageManifest.class, OciJson.readManifest(b(manifest), null, "x"));
    }

    @Test
    void refusesSchema1WithAClearMessage() {
        String schema1 = "{\"schemaVersion\":1,\"name\":\"library/alpine\",\"tag\":\"latest\",\"fsLayers\":[]}";
        MalformedJsonException e = assertThrows(MalformedJsonException.class,
                () -> OciJson.readManifest(b(schema1), null, "manifest docker.io/library/alpine:latest"));
        assertTrue(e.getMessage().contains("schema 1"), e.getMessage());
        assertTrue(e.getMessage().startsWith("manifest docker.io/library/alpine:latest"), e.getMessage());
    }

    @Test
    void refusesNonJsonOversizedAndBadDigests() {
        assertThrows(MalformedJsonException.class, () -> OciJson.readManifest(b("<html>nope</html>"), null, "m"));
        assertThrows(MalformedJsonException.class, () -> OciJson.readManifest(new byte[OciJson.MAX_MANIFEST_BYTES + 1], null, "m"));
        String badDigest = DOCKER_MANIFEST.replace(LAYER, "sha256:../../../etc/passwd");
        MalformedJsonException e = assertThrows(MalformedJsonException.class, () -> OciJson.readManifest(b(badDigest), null, "m"));
        assertTrue(e.getMessage().contains("layers[0]"), e.getMessage());
        String negative = DOCKER_MANIFEST.replace("3408729", "-1");
        assertThrows(MalformedJsonException.class, () -> OciJson.readManifest(b(negative), null, "m"));
    }

    @Test
    void descriptorKeepsAnnotationsPlatformAndUrls() throws Exception {
        String json = "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + CONFIG + "\","
                + "\"size\":7,\"urls\":[\"https://example.com/x\"],"
                + "\"annotations\":{\"org.opencontainers.image.ref.name\":\"docker.io/library/a:1\"},"
                + "\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}}";
        Descriptor d = OciJson.descriptor(Json.parse(b(json), "d"), "d");
        assertEquals("docker.io/library/a:1", d.refName());
        assertEquals("linux/arm64/v8", d.platform().toString());
        assertEquals(1, d.urls().size());
        Descriptor again = OciJson.descriptor(OciJson.toJson(d), "d");
        assertEquals(d, again);
        assertNull(d.withRefName(null).refName());
    }
}
