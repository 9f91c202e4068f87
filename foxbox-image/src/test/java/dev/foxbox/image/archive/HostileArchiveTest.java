package dev.foxbox.image.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.image.DataRoot;
import dev.foxbox.image.LocalImages;
import dev.foxbox.image.json.ConfigJson;
import dev.foxbox.image.json.OciJson;
import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.ImageConfig;
import dev.foxbox.image.model.ImageIndex;
import dev.foxbox.image.model.ImageManifest;
import dev.foxbox.image.model.MediaType;
import dev.foxbox.image.model.Platform;
import dev.foxbox.image.store.GarbageCollector;
import dev.foxbox.image.testing.TestImages;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives that must be refused with one line saying why, and that leave nothing named behind. */
class HostileArchiveTest {

    @TempDir
    Path dir;
    LocalImages images;

    @BeforeEach
    void store() throws Exception {
        images = LocalImages.open(new DataRoot(dir.resolve("root")));
    }

    void assertRefused(byte[] archive, String message) throws Exception {
        InvalidArchiveException e = assertThrows(InvalidArchiveException.class,
                () -> new ImageLoader(images.store(), Platform.host()).load(new ByteArrayInputStream(archive), "evil.tar"));
        assertTrue(e.getMessage().startsWith("evil.tar") && e.getMessage().contains(message), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
        assertEquals(List.of(), images.store().layout().index().manifests(), "nothing named");
        new GarbageCollector(images.store(), new DataRoot(dir.resolve("root")).tmp(), List.of()).collect();
        assertEquals(List.of(), images.store().blobs().list(), "nothing left that garbage collection would not take");
    }

    /** A good docker archive's parts, so that each test breaks one thing. */
    record Docker(byte[] layer, Digest diffId, byte[] config, String configName) {
        static Docker make() throws Exception {
            byte[] layer = TestImages.tar(Map.of("file", "content\n"));
            Digest diffId = Digest.sha256(layer);
            byte[] config = ConfigJson.write(new ImageConfig(Instant.EPOCH, null, "amd64", "linux", null, null, null,
                    new ImageConfig.RootFs(List.of(diffId)), List.of()));
            return new Docker(layer, diffId, config, Digest.sha256(config).hex() + ".json");
        }

        String manifest(String layerName) {
            return "[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"evil:1\"],\"Layers\":[\"" + layerName + "\"]}]";
        }
    }

    @Test
    void namesThatLeaveTheArchive() throws Exception {
        assertRefused(new ArchiveBuilder().file("../../etc/passwd", "x").build(), "../../etc/passwd climbs out of the archive");
        assertRefused(new ArchiveBuilder().file("/etc/passwd", "x").build(), "/etc/passwd is an absolute path");
        Docker d = Docker.make();
        assertRefused(new ArchiveBuilder().file(d.configName(), d.config()).symlink("layer.tar", "../../../etc/shadow")
                .file("manifest.json", d.manifest("layer.tar")).build(), "the target of link layer.tar climbs out of the archive");
        assertRefused(new ArchiveBuilder().symlink("a", "/etc/passwd").build(), "link a points outside the archive");
    }

    @Test
    void absurdSizesAndCounts() throws Exception {
        assertRefused(new ArchiveBuilder().file("index.json", new byte[5 * 1024 * 1024]).build(),
                "index.json is 5242880 bytes, over the limit of 4194304 bytes");
        assertRefused(ArchiveBuilder.claiming("blobs/sha256/" + "a".repeat(64), 1L << 60),
                "says it is 1152921504606846976 bytes, more than the");
    }

    @Test
    void contentThatIsNotWhatItSays() throws Exception {
        assertRefused(new ArchiveBuilder().file("blobs/sha256/" + Digest.sha256("x").hex(), "not x").build(),
                "blobs/sha256/" + Digest.sha256("x").hex() + " does not match its name");
        Docker d = Docker.make();
        byte[] other = TestImages.tar(Map.of("file", "other\n"));
        assertRefused(new ArchiveBuilder().file(d.configName(), d.config()).file("l.tar", other)
                .file("manifest.json", d.manifest("l.tar")).build(), "does not match the diff_id its config gives it");
        assertRefused(new ArchiveBuilder().file(d.configName(), d.config()).file("manifest.json", d.manifest("missing.tar")).build(),
                "layer 1 names missing.tar, which the archive does not hold");
    }

    @Test
    void anOciImageWithoutItsLayer() throws Exception {
        byte[] layer = TestImages.gzip(TestImages.tar(Map.of("f", "x")));
        Descriptor layerDescriptor = new Descriptor(MediaType.OCI_LAYER_GZIP, Digest.sha256(layer), layer.length);
        byte[] config = ConfigJson.write(new ImageConfig(Instant.EPOCH, null, "amd64", "linux", null, null, null,
                new ImageConfig.RootFs(List.of(Digest.sha256("x"))), List.of()));
        byte[] manifest = OciJson.write(new ImageManifest(new Descriptor(MediaType.OCI_CONFIG, Digest.sha256(config),
                config.length), List.of(layerDescriptor)));
        Descriptor entry = new Descriptor(MediaType.OCI_MANIFEST, Digest.sha256(manifest), manifest.length).withRefName("evil:1");
        assertRefused(new ArchiveBuilder().file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}")
                .file("blobs/sha256/" + Digest.sha256(config).hex(), config)
                .file("blobs/sha256/" + Digest.sha256(manifest).hex(), manifest)
                .file("index.json", OciJson.write(new ImageIndex(MediaType.OCI_INDEX, List.of(entry), Map.of()))).build(),
                "image evil:1 needs blob " + layerDescriptor.digest() + ", which the archive does not hold");
    }

    @Test
    void whatIsNotAnImageArchive() throws Exception {
        assertRefused(new byte[0], "evil.tar is empty or not a tar archive");
        byte[] noise = new byte[4096];
        new java.util.Random(3).nextBytes(noise);
        noise[0] = 'x';
        assertRefused(noise, "is not a valid tar archive");
        assertRefused(new ArchiveBuilder().file("hello", "world").build(), "it has neither index.json (OCI) nor manifest.json");
        byte[] whole = new ArchiveBuilder().file("big", new byte[100_000]).build();
        assertRefused(Arrays.copyOf(whole, 50_000), "is truncated: it ends inside big");
        assertRefused(new ArchiveBuilder().device("dev/null").build(), "entry dev/null is a device or a fifo");
        assertRefused(new ArchiveBuilder().file("manifest.json", "[]").file("manifest.json", "[]").build(), "holds manifest.json twice");
        assertRefused(new ArchiveBuilder().file("manifest.json", "{").build(), "manifest.json is not valid JSON");
    }
}
