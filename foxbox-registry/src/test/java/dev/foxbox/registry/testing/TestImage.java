package dev.foxbox.registry.testing;

import com.github.luben.zstd.ZstdOutputStream;
import dev.foxbox.image.json.ConfigJson;
import dev.foxbox.image.json.OciJson;
import dev.foxbox.image.model.ContainerConfig;
import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.ImageConfig;
import dev.foxbox.image.model.ImageIndex;
import dev.foxbox.image.model.ImageManifest;
import dev.foxbox.image.model.MediaType;
import dev.foxbox.image.model.Platform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A small real image built in memory: layers (tar, gzip or zstd compressed) each holding
 * {@code layerN.txt} and {@code layerN.bin} of seeded random bytes, its config and its manifest.
 * Served by WireMock as it is, or written into an OCI layout for skopeo to push.
 */
public final class TestImage {

    /** Content and its descriptor. */
    public record Blob(Descriptor descriptor, byte[] bytes) {
        public Digest digest() {
            return descriptor.digest();
        }

        static Blob of(MediaType type, byte[] bytes) {
            return new Blob(new Descriptor(type, Digest.sha256(bytes), bytes.length), bytes);
        }
    }

    public enum Compression { GZIP, ZSTD }

    private final Platform platform;
    private final Blob config;
    private final List<Blob> layers;
    private final Blob manifest;

    private TestImage(Platform platform, Blob config, List<Blob> layers, Blob manifest) {
        this.platform = platform;
        this.config = config;
        this.layers = List.copyOf(layers);
        this.manifest = manifest;
    }

    /** An image for {@code platform} with one layer per size (bytes of random data in it). */
    public static TestImage build(Platform platform, Compression compression, long seed, int... layerSizes) throws IOException {
        List<Blob> layers = new ArrayList<>();
        List<Digest> diffIds = new ArrayList<>();
        Random random = new Random(seed);
        for (int i = 0; i < layerSizes.length; i++) {
            byte[] data = new byte[layerSizes[i]];
            random.nextBytes(data);
            byte[] tar = tar(Map.of("layer" + i + ".txt", ("layer " + i + " of image " + seed + "\n").getBytes(StandardCharsets.UTF_8),
                    "layer" + i + ".bin", data));
            diffIds.add(Digest.sha256(tar));
            layers.add(compression == Compression.ZSTD
                    ? Blob.of(MediaType.OCI_LAYER_ZSTD, zstd(tar)) : Blob.of(MediaType.OCI_LAYER_GZIP, gzip(tar)));
        }
        ImageConfig imageConfig = new ImageConfig(Instant.parse("2024-01-01T00:00:00Z"), null, platform.architecture(),
                platform.os(), platform.variant(), null, ContainerConfig.EMPTY.withCmd(List.of("/bin/sh")),
                new ImageConfig.RootFs(diffIds), List.of());
        Blob config = Blob.of(MediaType.OCI_CONFIG, ConfigJson.write(imageConfig));
        byte[] manifest = OciJson.write(new ImageManifest(config.descriptor(), layers.stream().map(Blob::descriptor).toList()));
        return new TestImage(platform, config, layers, Blob.of(MediaType.OCI_MANIFEST, manifest));
    }

    public Blob config() {
        return config;
    }

    public List<Blob> layers() {
        return layers;
    }

    public Blob manifest() {
        return manifest;
    }

    public Platform platform() {
        return platform;
    }

    /** Config, layers and manifest. */
    public List<Blob> blobs() {
        List<Blob> all = new ArrayList<>();
        all.add(config);
        all.addAll(layers);
        all.add(manifest);
        return all;
    }

    /** An OCI index of the images, each entry with its platform. */
    public static Blob index(List<TestImage> images) {
        List<Descriptor> entries = images.stream().map(i -> i.manifest.descriptor().withPlatform(i.platform)).toList();
        return Blob.of(MediaType.OCI_INDEX, OciJson.write(new ImageIndex(MediaType.OCI_INDEX, entries, Map.of())));
    }

    /**
     * Writes the images into a new OCI layout at {@code dir}, named {@code refName}: the image
     * itself, or an index of them when there are several.
     */
    public static Path layout(Path dir, String refName, List<TestImage> images) throws IOException {
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        List<Blob> blobs = new ArrayList<>();
        images.forEach(i -> blobs.addAll(i.blobs()));
        Blob top = images.size() == 1 ? images.get(0).manifest : index(images);
        blobs.add(top);
        for (Blob b : blobs) {
            Files.write(dir.resolve("blobs/sha256").resolve(b.digest().hex()), b.bytes());
        }
        byte[] index = OciJson.write(new ImageIndex(MediaType.OCI_INDEX, List.of(top.descriptor().withRefName(refName)), Map.of()));
        Files.write(dir.resolve("index.json"), index);
        return dir;
    }

    static byte[] tar(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> f : new java.util.TreeMap<>(files).entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(f.getValue().length);
                e.setMode(0100644);
                e.setModTime(0);
                tar.putArchiveEntry(e);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gz.write(plain);
        }
        return bytes.toByteArray();
    }

    static byte[] zstd(byte[] plain) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZstdOutputStream z = new ZstdOutputStream(bytes)) {
            z.write(plain);
        }
        return bytes.toByteArray();
    }
}
