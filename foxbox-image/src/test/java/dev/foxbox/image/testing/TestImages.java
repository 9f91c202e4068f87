package dev.foxbox.image.testing;

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
import dev.foxbox.image.store.ContentStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Builds small real images (tar+gzip layers, config, manifest) straight into a content store. */
public final class TestImages {

    private TestImages() {}

    /** A plain tar holding one regular file per map entry (name → content). */
    public static byte[] tar(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, String> f : files.entrySet()) {
                byte[] content = f.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(content.length);
                e.setMode(0100644);
                e.setModTime(0);
                tar.putArchiveEntry(e);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    public static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(plain);
        }
        return bytes.toByteArray();
    }

    /** Writes an image whose layers hold the given files; returns its manifest descriptor. */
    @SafeVarargs
    public static Descriptor image(ContentStore store, Platform platform, Map<String, String>... layers) throws IOException {
        List<Descriptor> layerDescriptors = new ArrayList<>();
        List<Digest> diffIds = new ArrayList<>();
        for (Map<String, String> files : layers) {
            byte[] plain = tar(files);
            byte[] compressed = gzip(plain);
            layerDescriptors.add(new Descriptor(MediaType.OCI_LAYER_GZIP, store.put(compressed), compressed.length));
            diffIds.add(Digest.sha256(plain));
        }
        ImageConfig config = new ImageConfig(Instant.parse("2024-01-01T00:00:00Z"), null, platform.architecture(),
                platform.os(), platform.variant(), null, ContainerConfig.EMPTY.withCmd(List.of("sh")),
                new ImageConfig.RootFs(diffIds), List.of());
        byte[] configBytes = ConfigJson.write(config);
        Descriptor configDescriptor = new Descriptor(MediaType.OCI_CONFIG, store.put(configBytes), configBytes.length);
        byte[] manifest = OciJson.write(new ImageManifest(configDescriptor, layerDescriptors));
        return new Descriptor(MediaType.OCI_MANIFEST, store.put(manifest), manifest.length);
    }

    /** An index of the given manifests, each entry carrying its platform. */
    public static Descriptor index(ContentStore store, List<Descriptor> manifests) throws IOException {
        byte[] bytes = OciJson.write(new ImageIndex(MediaType.OCI_INDEX, manifests, Map.of()));
        return new Descriptor(MediaType.OCI_INDEX, store.put(bytes), bytes.length);
    }
}
