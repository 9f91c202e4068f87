package dev.foxbox.image.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.foxbox.image.DataRoot;
import dev.foxbox.image.LocalImages;
import dev.foxbox.image.json.ConfigJson;
import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.ImageConfig;
import dev.foxbox.image.model.ImageReference;
import dev.foxbox.image.model.MediaType;
import dev.foxbox.image.model.Platform;
import dev.foxbox.image.store.StoredImage;
import dev.foxbox.image.testing.TestImages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save and load round trips: which digests each format keeps, several images, what other tools write. */
class ImageArchiveTest {

    static final Platform AMD64 = new Platform("linux", "amd64", null);

    @TempDir
    Path dir;
    LocalImages source;
    StoredImage app;

    @BeforeEach
    void image() throws Exception {
        source = images("source");
        Descriptor manifest = TestImages.image(source.store().blobs(), AMD64,
                Map.of("etc/os-release", "ID=test\n", "bin/tool", "#!/bin/sh\n"), Map.of("app/main", "main\n"));
        source.store().tag(manifest, ImageReference.parse("example.com/team/app:1"));
        app = source.get("example.com/team/app:1");
    }

    LocalImages images(String name) throws Exception {
        return LocalImages.open(new DataRoot(dir.resolve(name)));
    }

    byte[] save(LocalImages images, ArchiveFormat format, StoredImage... saved) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ImageSaver(images.store()).save(List.of(saved), format, out);
        return out.toByteArray();
    }

    List<ImageLoader.LoadedImage> load(LocalImages images, byte[] archive) throws Exception {
        return new ImageLoader(images.store(), AMD64).load(new ByteArrayInputStream(archive), "test.tar");
    }

    static List<String> names(byte[] archive) throws Exception {
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }

    @Test
    void anOciArchiveKeepsEveryDigestAndIsTheSameBytesEachTime() throws Exception {
        byte[] archive = save(source, ArchiveFormat.OCI_ARCHIVE, app);
        LocalImages target = images("target");
        List<ImageLoader.LoadedImage> loaded = load(target, archive);

        assertEquals(1, loaded.size());
        assertEquals("example.com/team/app:1", loaded.get(0).name().toString());
        StoredImage copy = target.get("example.com/team/app:1");
        assertEquals(app.manifestDigest(), copy.manifestDigest());
        assertEquals(app.manifest(), copy.manifest());
        assertArrayEquals(archive, save(target, ArchiveFormat.OCI_ARCHIVE, copy));
        assertEquals(List.of("blobs/", "blobs/sha256/"), names(archive).subList(0, 2));
        assertEquals(List.of("index.json", "oci-layout"), names(archive).subList(names(archive).size() - 2, names(archive).size()));
    }

    @Test
    void aDockerArchiveKeepsTheIdAndTheDiffIdsAndRoundTripsExactly() throws Exception {
        byte[] archive = save(source, ArchiveFormat.DOCKER_ARCHIVE, app);
        List<String> expected = new ArrayList<>(List.of(app.id().hex() + ".json"));
        app.config().rootfs().diffIds().forEach(d -> expected.add(d.hex() + ".tar"));
        expected.add("manifest.json");
        assertEquals(expected, names(archive));

        LocalImages target = images("target");
        load(target, archive);
        StoredImage copy = target.get("example.com/team/app:1");
        assertEquals(app.id(), copy.id());
        assertNotEquals(app.manifestDigest(), copy.manifestDigest(), "a docker archive has no manifest to keep");
        for (int i = 0; i < copy.manifest().layers().size(); i++) {
            Descriptor layer = copy.manifest().layers().get(i);
            assertEquals(MediaType.OCI_LAYER, layer.mediaType());
            assertEquals(app.config().rootfs().diffIds().get(i), layer.digest(), "stored as the uncompressed tar it is");
        }
        assertArrayEquals(archive, save(target, ArchiveFormat.DOCKER_ARCHIVE, copy));
        LocalImages again = images("again");
        load(again, archive);
        assertEquals(copy.manifestDigest(), again.get("example.com/team/app:1").manifestDigest(), "the same archive, the same manifest");
    }

    @Test
    void severalImagesAndNamesInOneCompressedArchive() throws Exception {
        source.tag("example.com/team/app:1", ImageReference.parse("example.com/team/app:latest"));
        Descriptor other = TestImages.image(source.store().blobs(), AMD64, Map.of("other", "x\n"));
        source.store().tag(other, ImageReference.parse("other:2"));
        for (ArchiveFormat format : ArchiveFormat.values()) {
            byte[] archive = save(source, format, app, source.get("example.com/team/app:latest"), source.get("other:2"));
            LocalImages target = images("target-" + format);
            List<ImageLoader.LoadedImage> loaded = load(target, TestImages.gzip(archive));
            assertEquals(List.of("example.com/team/app:1", "example.com/team/app:latest", "docker.io/library/other:2"),
                    loaded.stream().map(l -> l.name().toString()).toList(), format.toString());
            assertEquals(target.get("example.com/team/app:1").manifestDigest(), target.get("example.com/team/app:latest").manifestDigest());
        }
    }

    /** What podman save and docker save write: legacy files beside manifest.json, layer.tar links, gzip layers. */
    @Test
    void readsOtherToolsDockerArchives() throws Exception {
        byte[] plain = TestImages.tar(Map.of("hello", "world\n"));
        byte[] compressed = TestImages.gzip(plain);
        Digest diffId = Digest.sha256(plain);
        ImageConfig config = new ImageConfig(Instant.EPOCH, null, "amd64", "linux", null, null, null,
                new ImageConfig.RootFs(List.of(diffId, diffId)), List.of());
        byte[] configBytes = ConfigJson.write(config);
        String configName = Digest.sha256(configBytes).hex() + ".json";
        byte[] archive = new ArchiveBuilder()
                .file("legacy/layer.tar", plain).file("legacy/json", "{}").file("legacy/VERSION", "1.0")
                .file(diffId.hex() + ".tar", plain).symlink("linked/layer.tar", "../" + diffId.hex() + ".tar")
                .file("gz/layer.tar", compressed)
                .file(configName, configBytes)
                .file("manifest.json", "[{\"Config\":\"" + configName + "\",\"RepoTags\":null,\"Layers\":[\"linked/layer.tar\","
                        + "\"gz/layer.tar\"]}]")
                .file("repositories", "{}")
                .build();
        LocalImages target = images("target");
        List<ImageLoader.LoadedImage> loaded = load(target, archive);
        assertNull(loaded.get(0).name(), "no RepoTags: loaded by id");
        StoredImage image = loaded.get(0).image();
        assertEquals(Digest.sha256(configBytes), image.id());
        assertEquals(List.of(MediaType.OCI_LAYER, MediaType.OCI_LAYER_GZIP),
                image.manifest().layers().stream().map(Descriptor::mediaType).toList());
        assertEquals(1, target.list().images().size());
        Path unpacked = dir.resolve("unpacked");
        target.unpack(image.id().hex(), unpacked, n -> { });
        assertEquals("world\n", Files.readString(unpacked.resolve("hello")));
    }
}
