package dev.foxbox.image.layer;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;

/**
 * Thin, throwing wrappers over a few libc calls. None of them follows a symlink in the last
 * component except {@link #chmod}, which callers only use on something they just lstat'ed or
 * created and know is not a symlink (Linux cannot chmod a symlink itself).
 *
 * <p>Every path must already be safe: its parent directories resolved inside the root by
 * {@link RootResolver}. These calls only avoid the kernel following the final component.
 */
final class Syscalls {

    /** The charset the JDK uses for file names, so a path means the same bytes here as in java.nio. */
    private static final Charset FILE_NAMES = Charset.forName(
            System.getProperty("sun.jnu.encoding", StandardCharsets.UTF_8.name()));

    private Syscalls() {}

    /**
     * The few libc calls that {@link java.nio.file} cannot make without following a symlink or
     * opening the file (which would block on a fifo and run a device driver's open).
     *
     * <p>Public only because jnr-ffi implements it from another class loader; the enclosing
     * class keeps it out of the API.
     *
     * <p>Paths are NUL-terminated byte arrays, built by {@link Syscalls}, so that no charset is
     * guessed on the native side. Sizes are {@code long}: foxbox targets LP64 Linux only.
     */
    public interface LibC {
        int AT_FDCWD = -100;
        int AT_SYMLINK_NOFOLLOW = 0x100;

        int geteuid();

        String strerror(int errno);

        int chmod(@In byte[] path, int mode);

        int lchown(@In byte[] path, int uid, int gid);

        /** {@code times} is two {@code struct timespec}: atime seconds, nanos, mtime seconds, nanos. */
        int utimensat(int dirfd, @In byte[] path, @In long[] times, int flags);

        /** Exported by glibc since 2.33; older ones only have {@code __xmknod}. */
        int mknod(@In byte[] path, int mode, long dev);

        int mkfifo(@In byte[] path, int mode);

        int symlink(@In byte[] target, @In byte[] linkPath);

        long readlink(@In byte[] path, @Out byte[] buffer, long size);

        int lsetxattr(@In byte[] path, @In byte[] name, @In byte[] value, long size, int flags);

        long lgetxattr(@In byte[] path, @In byte[] name, @Out byte[] value, long size);

        long llistxattr(@In byte[] path, @Out byte[] list, long size);
    }

    private static final class Holder {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
    }

    static int geteuid() {
        return Holder.LIBC.geteuid();
    }

    static void chmod(Path path, int mode) throws ErrnoException {
        check(Holder.LIBC.chmod(bytes(path), mode), "chmod", path);
    }

    static void lchown(Path path, int uid, int gid) throws ErrnoException {
        check(Holder.LIBC.lchown(bytes(path), uid, gid), "lchown", path);
    }

    /** Sets access and modification times of {@code path} itself, symlinks included. */
    static void lutimes(Path path, Instant atime, Instant mtime) throws ErrnoException {
        long[] times = {atime.getEpochSecond(), atime.getNano(), mtime.getEpochSecond(), mtime.getNano()};
        check(Holder.LIBC.utimensat(LibC.AT_FDCWD, bytes(path), times, LibC.AT_SYMLINK_NOFOLLOW), "utimensat", path);
    }

    static void mknod(Path path, int mode, int major, int minor) throws ErrnoException {
        check(Holder.LIBC.mknod(bytes(path), mode, makedev(major, minor)), "mknod", path);
    }

    static void mkfifo(Path path, int mode) throws ErrnoException {
        check(Holder.LIBC.mkfifo(bytes(path), mode), "mkfifo", path);
    }

    /** Creates a symlink holding exactly {@code target}, which java.nio would normalise. */
    static void symlink(String target, Path link) throws ErrnoException {
        check(Holder.LIBC.symlink(terminated(target.getBytes(StandardCharsets.UTF_8)), bytes(link)), "symlink", link);
    }

    /** The exact target of a symlink, decoded as UTF-8. */
    static String readlink(Path link) throws ErrnoException {
        for (int size = 256; ; size *= 4) {
            byte[] buffer = new byte[size];
            long n = Holder.LIBC.readlink(bytes(link), buffer, size);
            check(n, "readlink", link);
            if (n < size) {
                return new String(buffer, 0, (int) n, StandardCharsets.UTF_8);
            }
        }
    }

    static void lsetxattr(Path path, String name, byte[] value) throws ErrnoException {
        check(Holder.LIBC.lsetxattr(bytes(path), nameBytes(name), value, value.length, 0), "lsetxattr " + name, path);
    }

    /** The value of an extended attribute, or null when {@code path} does not have it. */
    static byte[] lgetxattr(Path path, String name) throws ErrnoException {
        byte[] p = bytes(path);
        byte[] n = nameBytes(name);
        while (true) {
            long size = Holder.LIBC.lgetxattr(p, n, null, 0);
            if (size < 0 && lastError() == ErrnoException.ENODATA) {
                return null;
            }
            check(size, "lgetxattr " + name, path);
            byte[] value = new byte[(int) size];
            long got = Holder.LIBC.lgetxattr(p, n, value, size);
            if (got < 0 && lastError() == ErrnoException.ERANGE) {
                continue; // grew between the two calls
            }
            check(got, "lgetxattr " + name, path);
            return Arrays.copyOf(value, (int) got);
        }
    }

    /** The names of the extended attributes of {@code path} itself. */
    static byte[] llistxattr(Path path) throws ErrnoException {
        byte[] p = bytes(path);
        while (true) {
            long size = Holder.LIBC.llistxattr(p, null, 0);
            check(size, "llistxattr", path);
            byte[] list = new byte[(int) size];
            long got = Holder.LIBC.llistxattr(p, list, size);
            if (got < 0 && lastError() == ErrnoException.ERANGE) {
                continue;
            }
            check(got, "llistxattr", path);
            return Arrays.copyOf(list, (int) got);
        }
    }

    /** glibc's {@code gnu_dev_makedev}. */
    static long makedev(int major, int minor) {
        long ma = Integer.toUnsignedLong(major);
        long mi = Integer.toUnsignedLong(minor);
        return ((ma & 0xfffL) << 8) | ((ma & ~0xfffL) << 32) | (mi & 0xffL) | ((mi & ~0xffL) << 12);
    }

    static int major(long dev) {
        return (int) (((dev >>> 8) & 0xfffL) | ((dev >>> 32) & ~0xfffL));
    }

    static int minor(long dev) {
        return (int) ((dev & 0xffL) | ((dev >>> 12) & ~0xffL));
    }

    private static void check(long result, String call, Path path) throws ErrnoException {
        if (result < 0) {
            int errno = lastError();
            throw new ErrnoException(call, path.toString(), errno, Holder.LIBC.strerror(errno));
        }
    }

    private static int lastError() {
        return LastError.getLastError(Holder.RUNTIME);
    }

    private static byte[] bytes(Path path) {
        return terminated(path.toString().getBytes(FILE_NAMES));
    }

    private static byte[] nameBytes(String xattrName) {
        return terminated(xattrName.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] terminated(byte[] raw) {
        return Arrays.copyOf(raw, raw.length + 1); // the copy ends in NUL
    }
}
