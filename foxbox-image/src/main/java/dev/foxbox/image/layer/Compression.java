package dev.foxbox.image.layer;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import dev.foxbox.image.model.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * How a layer blob is compressed. Reading goes by magic bytes, never by media type alone:
 * registries and tools mislabel layers (a "tar+gzip" that is plain tar, a Docker gzip type on a
 * zstd blob), and the bytes cannot lie.
 */
public enum Compression {
    NONE(MediaType.OCI_LAYER),
    GZIP(MediaType.OCI_LAYER_GZIP),
    ZSTD(MediaType.OCI_LAYER_ZSTD);

    private static final int BUFFER = 64 * 1024;

    private final MediaType layerMediaType;

    Compression(MediaType layerMediaType) {
        this.layerMediaType = layerMediaType;
    }

    /** The OCI media type of a layer compressed this way. */
    public MediaType layerMediaType() {
        return layerMediaType;
    }

    /**
     * The compression the first bytes of a blob show. Anything that is neither gzip nor zstd is
     * taken for a plain tar, which the tar reader then validates; bzip2 and xz, which no OCI
     * media type names, are refused.
     */
    public static Compression detect(byte[] head) throws IOException {
        if (startsWith(head, 0x1f, 0x8b)) {
            return GZIP;
        }
        if (startsWith(head, 0x28, 0xb5, 0x2f, 0xfd)
                || (head.length >= 4 && (head[0] & 0xf0) == 0x50 && startsWith(head, head[0] & 0xff, 0x2a, 0x4d, 0x18))) {
            return ZSTD; // a zstd frame, or a skippable frame before one
        }
        if (startsWith(head, 'B', 'Z', 'h')) {
            throw new IOException("the layer is bzip2-compressed; foxbox reads gzip, zstd and plain tar layers");
        }
        if (startsWith(head, 0xfd, '7', 'z', 'X', 'Z', 0)) {
            throw new IOException("the layer is xz-compressed; foxbox reads gzip, zstd and plain tar layers");
        }
        return NONE;
    }

    /**
     * The uncompressed tar inside {@code blob}, whatever its compression. Multi-member gzip and
     * multi-frame zstd are read to the end. Closing the result closes {@code blob}.
     */
    public static InputStream decompress(InputStream blob) throws IOException {
        PeekableInputStream in = new PeekableInputStream(blob, BUFFER);
        return detect(in.peek(6)).decompressing(in);
    }

    /** Reads data compressed this way; see {@link #decompress} to detect the compression. */
    public InputStream decompressing(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            // GZIPInputStream reads following members only if in.available() says so: see PeekableInputStream.
            case GZIP -> new GZIPInputStream(in instanceof PeekableInputStream ? in : new PeekableInputStream(in, BUFFER), BUFFER);
            case ZSTD -> new ZstdInputStream(in);
        };
    }

    /**
     * Compresses into {@code out}; closing the result finishes the stream and closes {@code out}.
     * The output depends only on the input (and the zlib or zstd version): gzip gets the
     * header Java writes, with mtime 0 and no file name.
     */
    public OutputStream compressing(OutputStream out) throws IOException {
        return switch (this) {
            case NONE -> out;
            case GZIP -> new GZIPOutputStream(out, BUFFER);
            case ZSTD -> new ZstdOutputStream(out, 3).setChecksum(true);
        };
    }

    private static boolean startsWith(byte[] head, int... magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
