package dev.foxbox.runtime.helper;

import dev.foxbox.image.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The helper binary ships inside this jar and is installed content-addressed under the data
 * root ({@code ROOT/helper/<sha256>/foxbox-helper}), so foxbox versions never run each other's
 * helper. It runs from a sealed memfd copy of itself, so the installed file is never what a box
 * could reach.
 */
public final class HelperBinary {

    static final String RESOURCE = "foxbox-helper";

    private HelperBinary() {}

    /**
     * The installed helper, installing it first when this version is not there yet. Its digest is
     * known from {@link HelperDigest}, made with the binary: reading the binary out of the jar and
     * hashing it on every run would cost more than the box itself.
     */
    public static Path install(Path helperRoot) throws IOException {
        Path dir = helperRoot.resolve(HelperDigest.SHA256);
        Path binary = dir.resolve(RESOURCE);
        if (Files.isExecutable(binary) && Files.size(binary) == HelperDigest.SIZE) {
            return binary;
        }
        byte[] bytes;
        try (InputStream in = HelperBinary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the foxbox helper is missing from foxbox-runtime's jar (was it built without gcc?)");
            }
            bytes = in.readAllBytes();
        }
        String digest = Digest.sha256(bytes).hex();
        if (!digest.equals(HelperDigest.SHA256)) {
            throw new IOException("the foxbox helper in foxbox-runtime's jar is sha256:" + digest + ", not the sha256:"
                    + HelperDigest.SHA256 + " it was built as (rebuild foxbox)");
        }
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, RESOURCE + "-", ".partial");
        try {
            Files.write(tmp, bytes);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("r-xr-xr-x"));
            try {
                Files.move(tmp, binary, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, binary, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return binary;
    }
}
