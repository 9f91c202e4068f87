package dev.foxbox.image;

/** An image cannot be removed without -f: a box uses it, or it has several names. */
public final class ImageInUseException extends RuntimeException {
    public ImageInUseException(String message) {
        super(message);
    }
}
