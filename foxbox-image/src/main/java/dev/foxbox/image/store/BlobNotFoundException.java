package dev.foxbox.image.store;

import dev.foxbox.image.model.Digest;
import java.nio.file.NoSuchFileException;

/** The store has no blob with this digest. */
public final class BlobNotFoundException extends NoSuchFileException {
    private final Digest digest;

    public BlobNotFoundException(Digest digest) {
        super(digest.toString(), null, "blob " + digest + " is not in the store");
        this.digest = digest;
    }

    public Digest digest() {
        return digest;
    }

    @Override
    public String getMessage() {
        return getReason();
    }
}
