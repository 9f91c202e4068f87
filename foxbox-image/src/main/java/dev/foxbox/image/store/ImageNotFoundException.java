package dev.foxbox.image.store;

/** No image answers to a name or id, or an image has nothing for the wanted platform. */
public final class ImageNotFoundException extends RuntimeException {
    public ImageNotFoundException(String message) {
        super(message);
    }
}
