package dev.foxbox.image.layer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;

/** Extended attributes of a node itself (the l*xattr calls: a symlink is not followed). */
final class Xattrs {

    private Xattrs() {}

    /** All attributes we may read, by name; empty where the filesystem has none or no support. */
    static SortedMap<String, byte[]> read(Path path) throws IOException {
        SortedMap<String, byte[]> out = new TreeMap<>();
        byte[] list;
        try {
            list = Syscalls.llistxattr(path);
        } catch (ErrnoException e) {
            if (e.isNotPermittedOrSupported()) {
                return out;
            }
            throw e;
        }
        int start = 0;
        for (int i = 0; i < list.length; i++) {
            if (list[i] == 0) {
                String name = new String(list, start, i - start, StandardCharsets.UTF_8);
                start = i + 1;
                byte[] value = get(path, name);
                if (value != null) {
                    out.put(name, value);
                }
            }
        }
        return out;
    }

    /** One attribute, or null when it is absent or we may not read it (trusted.* as non-root). */
    static byte[] get(Path path, String name) throws IOException {
        try {
            return Syscalls.lgetxattr(path, name);
        } catch (ErrnoException e) {
            if (e.isNotPermittedOrSupported()) {
                return null;
            }
            throw e;
        }
    }
}
