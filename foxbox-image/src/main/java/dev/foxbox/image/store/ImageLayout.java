package dev.foxbox.image.store;

import dev.foxbox.image.json.MalformedJsonException;
import dev.foxbox.image.json.OciJson;
import dev.foxbox.image.model.ImageIndex;
import dev.foxbox.image.model.MediaType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * An OCI image layout on disk: {@code oci-layout}, {@code index.json} and {@code blobs/}.
 * Any OCI tool (skopeo, umoci) can read what this writes, and this reads what they write.
 *
 * <p>{@code index.json} is replaced atomically under an exclusive lock, so concurrent writers
 * never lose each other's updates and readers, who take no lock, never see a half-written file.
 */
public final class ImageLayout {

    static final String LAYOUT_FILE = "oci-layout";
    static final String INDEX_FILE = "index.json";
    private static final byte[] LAYOUT_CONTENT = "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);
    private static final int MAX_INDEX_BYTES = 64 * 1024 * 1024;

    private final Path dir;
    private final Path tmpDir;
    private final DirContentStore blobs;
    private final LockFile indexLock;

    /**
     * @param dir     the layout directory
     * @param tmpDir  where in-progress writes go: on the same file system, outside {@code dir}
     * @param lockDir where the lock files live
     */
    public ImageLayout(Path dir, Path tmpDir, Path lockDir) {
        this.dir = dir;
        this.tmpDir = tmpDir;
        this.blobs = new DirContentStore(dir, tmpDir);
        this.indexLock = LockFile.at(lockDir.resolve("index.lock"));
    }

    /** Creates the layout's skeleton if it is not there yet. */
    public ImageLayout init() throws IOException {
        Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
        Path layout = dir.resolve(LAYOUT_FILE);
        if (!Files.exists(layout)) {
            AtomicFiles.write(layout, LAYOUT_CONTENT, tmpDir);
        }
        if (!Files.exists(dir.resolve(INDEX_FILE))) {
            try (LockFile.Held ignored = indexLock.exclusive()) {
                if (!Files.exists(dir.resolve(INDEX_FILE))) {
                    writeIndex(ImageIndex.empty());
                }
            }
        }
        return this;
    }

    public Path dir() {
        return dir;
    }

    public DirContentStore blobs() {
        return blobs;
    }

    /** The current index; an absent index.json is an empty one. */
    public ImageIndex index() throws IOException {
        byte[] bytes;
        try {
            Path file = dir.resolve(INDEX_FILE);
            if (Files.size(file) > MAX_INDEX_BYTES) {
                throw new MalformedJsonException(file + " is larger than " + MAX_INDEX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return ImageIndex.empty();
        }
        return OciJson.readIndex(bytes, dir.resolve(INDEX_FILE).toString());
    }

    /**
     * Reads, changes and writes the index as one step: no other foxbox process or thread updates
     * it in between. Returns the index as written.
     */
    public ImageIndex updateIndex(UnaryOperator<ImageIndex> change) throws IOException {
        try (LockFile.Held ignored = indexLock.exclusive()) {
            ImageIndex before = index();
            ImageIndex after = change.apply(before);
            // Compared as JSON, which holds every field, rather than with equals: the records' generated
            // equals are linked through invokedynamic on first use, about 15 ms on a cold JVM at the end
            // of every pull.
            if (!Arrays.equals(OciJson.write(after), OciJson.write(before))) {
                writeIndex(after);
            }
            return after;
        }
    }

    private void writeIndex(ImageIndex index) throws IOException {
        // Entries keep their media types: they must match the bytes of the blobs they point at.
        ImageIndex oci = new ImageIndex(MediaType.OCI_INDEX, index.manifests(), index.annotations());
        AtomicFiles.write(dir.resolve(INDEX_FILE), OciJson.write(oci), tmpDir);
    }
}
