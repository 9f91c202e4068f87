package dev.foxbox.image.layer;

import dev.foxbox.image.model.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Applies image layers, in order, to a root directory with OCI semantics, treating every layer
 * as hostile input.
 *
 * <p>Guarantee: whatever a layer contains, nothing outside {@code root} is created, written,
 * chmod'ed, chowned, deleted or has its times or xattrs set. Names that are absolute or climb
 * out with {@code ..}, parents that are symlinks leading out (absolute, or climbing above the
 * root), hardlinks to anything outside, and entries that would replace the root itself are
 * refused with an {@link UnsafeLayerException} naming the layer and the entry. Symlinks inside
 * the root whose targets are relative and stay inside are followed, as the kernel would.
 *
 * <p>Semantics: regular files (streamed through a fixed buffer, whatever their size),
 * directories, symlinks, hardlinks, fifos and device nodes (skipped with a note where mknod is
 * not permitted); full modes including setuid, setgid and sticky; access and modification
 * times, on symlinks too; {@code SCHILY.xattr.*} extended attributes where permitted; numeric
 * ownership when {@link UnpackOptions#applyOwnership()}; whiteouts and opaque directories; a
 * later entry of the same name replaces an earlier one.
 *
 * <p>Not thread-safe, and the root must not be changed by anyone else while a layer is applied:
 * paths are resolved component by component and then used, so a concurrent writer could swap a
 * directory for a symlink in between.
 */
public final class LayerUnpacker {

    private final Path root;
    private final UnpackOptions options;

    public LayerUnpacker(Path root, UnpackOptions options) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("unpack root " + root + " is not a directory");
        }
        this.root = root.toAbsolutePath();
        this.options = options;
    }

    /**
     * Applies one layer: a gzip, zstd or plain tar stream (detected from its bytes). The
     * stream is read to its end but not closed. {@code layerName}, usually the layer's digest,
     * appears in every error and note. When this throws, the root is left partly applied.
     */
    public UnpackReport apply(InputStream layer, String layerName) throws IOException {
        EntryRef ref = EntryRef.layerOnly(layerName);
        MessageDigest diffId = Digest.Algorithm.SHA256.newHasher();
        try (InputStream plain = new DigestInputStream(decompress(layer, ref), diffId)) {
            TarEntries tar = new TarEntries(plain, layerName);
            LayerApplication application = new LayerApplication(root, layerName, tar, options.applyOwnership());
            TarArchiveEntry entry;
            while ((entry = tar.next()) != null) {
                application.apply(entry);
            }
            List<String> notes;
            try {
                notes = application.finish();
                plain.transferTo(OutputStream.nullOutputStream()); // whatever follows the tar counts for the diff_id
            } catch (InvalidLayerException e) {
                throw e;
            } catch (IOException e) {
                throw ref.failed(e);
            }
            notes.forEach(options.notes());
            return new UnpackReport(layerName, application.entries(), application.bytesWritten(),
                    Digest.of(Digest.Algorithm.SHA256, diffId.digest()), notes);
        }
    }

    private static InputStream decompress(InputStream layer, EntryRef ref) throws IOException {
        InputStream unclosable = new FilterInputStream(layer) {
            @Override
            public void close() {
                // the caller owns the layer stream; closing ours only frees the decompressor
            }
        };
        try {
            return Compression.decompress(unclosable);
        } catch (IOException e) {
            throw ref.invalid(e.getMessage(), e);
        }
    }
}
