package dev.foxbox.build.builder;

import dev.foxbox.image.DataRoot;
import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.MediaType;
import dev.foxbox.image.store.AtomicFiles;
import dev.foxbox.image.store.ContentStore;
import dev.foxbox.image.store.GcRoots;
import dev.foxbox.image.store.ThisProcess;
import dev.foxbox.runtime.box.StepRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The build cache ({@code ROOT/cache/build}): for each step that made a layer, keyed by
 * everything the step's result depends on, the layer in the store and its files as a directory
 * that later steps stack their overlays on.
 *
 * <pre>
 * steps/KEY    "DIGEST SIZE DIFF_ID CREATED": the layer blob, its uncompressed digest, when it was made
 * layers/ID/   the files of the layer whose diff id starts with ID (an overlay upper directory:
 *              deletions as whiteouts); a step run again (--no-cache) makes a new layer beside the old
 * results/KEY  when a build whose last step had this key finished: a rebuild from the cache gives the same image
 * work/NAME/   steps in progress
 * empty/       the root of a stage FROM scratch
 * </pre>
 *
 * Keys and layer directory names are 16 hex digits (see {@link StepKeys}), short because
 * overlay's list of lower directories must fit in one page. An entry is written last, after its directory,
 * so a crash leaves at most an unused directory behind.
 */
public final class BuildCache {

    /** A cached step: the layer and the directory of its files. */
    public record Entry(StepRunner.Layer layer, Path dir, Instant created) {}

    private final Path dir;

    public BuildCache(DataRoot root) {
        this.dir = root.dir().resolve("cache").resolve("build");
    }

    public Path dir() {
        return dir;
    }

    /** The entry for {@code key}, or null when there is none or its layer or files are gone. */
    public Entry lookup(String key, ContentStore blobs) throws IOException {
        Path file = dir.resolve("steps").resolve(key);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return null;
        }
        String[] f = text.split(" ");
        if (f.length != 4 || !Digest.isDigest(f[0]) || !Digest.isDigest(f[2])) {
            return null;
        }
        Path layerDir = layerDir(Digest.parse(f[2]));
        if (!Files.isDirectory(layerDir)) {
            return null;
        }
        Digest digest = Digest.parse(f[0]);
        if (!blobs.contains(digest)) {
            return null;
        }
        StepRunner.Layer layer = new StepRunner.Layer(
                new Descriptor(MediaType.OCI_LAYER_GZIP, digest, Long.parseLong(f[1])), Digest.parse(f[2]));
        return new Entry(layer, layerDir, Instant.parse(f[3]));
    }

    /**
     * Records a step's layer, taking {@code files} (the step's upper directory) as its
     * directory; returns the entry. When the cache has that layer's files already (another
     * step made the same), they are kept and ours are left for the caller to remove.
     */
    public Entry store(String key, StepRunner.Layer layer, Path files, Instant created) throws IOException {
        Files.createDirectories(dir.resolve("layers"));
        Path layerDir = layerDir(layer.diffId());
        try {
            Files.move(files, layerDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException e) {
            if (!Files.isDirectory(layerDir)) {
                throw e;
            }
        }
        Files.createDirectories(dir.resolve("steps"));
        AtomicFiles.write(dir.resolve("steps").resolve(key), (layer.descriptor().digest() + " " + layer.descriptor().size()
                + " " + layer.diffId() + " " + created + "\n").getBytes(StandardCharsets.UTF_8), dir.resolve("work"));
        return new Entry(layer, layerDir, created);
    }

    private Path layerDir(Digest diffId) {
        return dir.resolve("layers").resolve(diffId.hex().substring(0, 16));
    }

    /** When the build whose last step had {@code key} was first made, or null. */
    public Instant resultTime(String key) throws IOException {
        try {
            return Instant.parse(Files.readString(dir.resolve("results").resolve(key), StandardCharsets.UTF_8).strip());
        } catch (NoSuchFileException | java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    public void storeResultTime(String key, Instant created) throws IOException {
        AtomicFiles.write(dir.resolve("results").resolve(key), (created + "\n").getBytes(StandardCharsets.UTF_8),
                Files.createDirectories(dir.resolve("work")));
    }

    /** A fresh directory for one step's work. */
    public Path newWork() throws IOException {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        return Files.createDirectories(dir.resolve("work").resolve(HexFormat.of().formatHex(random)));
    }

    /** The empty root a stage FROM scratch starts from. */
    public Path empty() throws IOException {
        return Files.createDirectories(dir.resolve("empty"));
    }

    /** The layers the cache refers to, so that garbage collection keeps them. */
    public GcRoots gcRoots() {
        return new GcRoots() {
            @Override
            public List<Descriptor> roots() throws IOException {
                return cachedLayers();
            }
        };
    }

    private List<Descriptor> cachedLayers() throws IOException {
        List<Descriptor> roots = new ArrayList<>();
        Path steps = dir.resolve("steps");
        if (!Files.isDirectory(steps)) {
            return roots;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(steps)) {
            for (Path file : files) {
                String[] f = Files.readString(file, StandardCharsets.UTF_8).strip().split(" ");
                if (f.length == 4 && Digest.isDigest(f[0])) {
                    roots.add(new Descriptor(MediaType.OCI_LAYER_GZIP, Digest.parse(f[0]), Long.parseLong(f[1])));
                }
            }
        }
        return roots;
    }

    /** Deletes the whole cache; returns whether there was one. {@code remover} deletes what box users own. */
    public boolean clear(StepRunner remover) throws IOException {
        if (!Files.exists(dir)) {
            return false;
        }
        Path doomed = dir.resolveSibling("build.deleting-" + ThisProcess.pid());
        Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
        remover.remove(doomed);
        return true;
    }
}
