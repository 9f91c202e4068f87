package dev.foxbox.image.layer;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One entry as {@link TarOutput} writes it. Only what a reproducible layer records: no user or
 * group names, no atime or ctime, mtime in whole seconds.
 *
 * @param xattrs extended attributes by name, written as {@code SCHILY.xattr.NAME} PAX records
 */
record TarHeader(String name, byte type, int mode, long uid, long gid, long size, long mtime, String linkName,
        int devMajor, int devMinor, SortedMap<String, byte[]> xattrs) {

    static final byte REGULAR = '0';
    static final byte HARDLINK = '1';
    static final byte SYMLINK = '2';
    static final byte CHAR_DEVICE = '3';
    static final byte BLOCK_DEVICE = '4';
    static final byte DIRECTORY = '5';
    static final byte FIFO = '6';
    static final byte PAX = 'x';

    TarHeader {
        linkName = linkName == null ? "" : linkName;
        xattrs = Collections.unmodifiableSortedMap(new TreeMap<>(xattrs == null ? new TreeMap<>() : xattrs));
    }

    /** An empty regular file such as a whiteout marker. */
    static TarHeader emptyFile(String name, int mode, long mtime) {
        return new TarHeader(name, REGULAR, mode, 0, 0, 0, mtime, "", 0, 0, null);
    }
}
