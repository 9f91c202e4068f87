package dev.foxbox.image.layer;

import java.io.IOException;

/**
 * Which layer and entry an operation belongs to, so that every error says where it happened.
 * Entry names come from hostile input: they are quoted, made printable and shortened.
 */
record EntryRef(String layer, String entry, String subject) {

    private static final int MAX_SHOWN = 200;

    EntryRef(String layer, String entry) {
        this(layer, entry, null);
    }

    static EntryRef layerOnly(String layer) {
        return new EntryRef(layer, null);
    }

    /** The same entry, with reasons about {@code what} (e.g. its hardlink target) prefixed by it. */
    EntryRef about(String what) {
        return new EntryRef(layer, entry, what);
    }

    UnsafeLayerException unsafe(String reason) {
        return new UnsafeLayerException(where() + reason);
    }

    InvalidLayerException invalid(String reason) {
        return new InvalidLayerException(where() + reason);
    }

    InvalidLayerException invalid(String reason, Throwable cause) {
        return new InvalidLayerException(where() + reason, cause);
    }

    /** An I/O failure on the host while applying this entry, with the context prepended. */
    IOException failed(IOException cause) {
        return new IOException(where() + cause.getMessage(), cause);
    }

    String where() {
        return "layer " + layer + ": " + (entry == null ? "" : "entry " + quote(entry) + ": ")
                + (subject == null ? "" : subject + ": ");
    }

    /** A name as it may appear in a message: quoted, control characters escaped, at most 200 characters. */
    static String quote(String name) {
        StringBuilder out = new StringBuilder("\"");
        int shown = Math.min(name.length(), MAX_SHOWN);
        for (int i = 0; i < shown; i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        if (name.length() > MAX_SHOWN) {
            out.append("…(").append(name.length()).append(" characters)");
        }
        return out.append('"').toString();
    }
}
