package dev.foxbox.build.builder;

import dev.foxbox.image.layer.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What ADD unpacks: a tar archive, plain, gzip- or zstd-compressed, recognised by its content, not its name. */
final class Archives {

    private Archives() {}

    static boolean isTar(Path file) {
        try (InputStream in = Compression.decompress(Files.newInputStream(file))) {
            byte[] header = in.readNBytes(512);
            return header.length == 512
                    && new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        } catch (IOException | RuntimeException e) {
            return false; // not an archive foxbox reads: copied as it is, as docker copies what it cannot unpack
        }
    }
}
