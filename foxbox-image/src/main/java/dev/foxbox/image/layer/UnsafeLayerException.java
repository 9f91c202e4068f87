package dev.foxbox.image.layer;

/**
 * A layer tried to reach outside the root it is applied to, or to exhaust memory: an
 * absolute or {@code ..}-escaping name, a parent that is a symlink leading out, a hardlink to
 * something outside, an entry replacing the root itself, an oversized header. Nothing of the
 * offending entry was applied, and nothing outside the root was touched.
 */
public class UnsafeLayerException extends InvalidLayerException {
    public UnsafeLayerException(String message) {
        super(message);
    }
}
