package dev.foxbox.image.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

/**
 * What {@code lstat(2)} says about a path. Read through java.nio's "unix" attribute view with
 * {@link LinkOption#NOFOLLOW_LINKS}, which is a plain lstat: nothing is opened.
 */
record Stat(int mode, int uid, int gid, long size, long dev, long ino, int nlink, long rdev, Instant mtime,
        Instant atime) {

    static final int S_IFMT = 0170000;
    static final int S_IFSOCK = 0140000;
    static final int S_IFLNK = 0120000;
    static final int S_IFREG = 0100000;
    static final int S_IFBLK = 0060000;
    static final int S_IFDIR = 0040000;
    static final int S_IFCHR = 0020000;
    static final int S_IFIFO = 0010000;

    private static final String ATTRIBUTES = "unix:mode,uid,gid,size,dev,ino,nlink,rdev,lastModifiedTime,lastAccessTime";

    /** The status of {@code path} itself; throws {@link NoSuchFileException} when it is missing. */
    static Stat of(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        return new Stat((Integer) a.get("mode"), (Integer) a.get("uid"), (Integer) a.get("gid"), (Long) a.get("size"),
                (Long) a.get("dev"), (Long) a.get("ino"), (Integer) a.get("nlink"), (Long) a.get("rdev"),
                ((FileTime) a.get("lastModifiedTime")).toInstant(), ((FileTime) a.get("lastAccessTime")).toInstant());
    }

    /** The status of {@code path} itself, or null when nothing is there. */
    static Stat ofOrNull(Path path) throws IOException {
        try {
            return of(path);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    int type() {
        return mode & S_IFMT;
    }

    /** Permission bits plus setuid, setgid and sticky. */
    int permissions() {
        return mode & 07777;
    }

    boolean isDirectory() {
        return type() == S_IFDIR;
    }

    boolean isSymlink() {
        return type() == S_IFLNK;
    }

    boolean isRegularFile() {
        return type() == S_IFREG;
    }
}
