package dev.foxbox.runtime.box;

import java.io.IOException;
import java.nio.file.Path;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/**
 * mount(2) and umount2(2), for the build's layer worker: it runs as root of a user namespace
 * with a mount namespace of its own, and mounts each COPY's overlay itself.
 */
final class Mounts {

    static final long MS_RDONLY = 1;
    static final long MS_BIND = 4096;
    static final long MS_REC = 16384;
    static final long MS_SLAVE = 1 << 19;
    private static final int MNT_DETACH = 2;

    public interface LibC {
        int mount(String source, String target, String fstype, long flags, String data);

        int umount2(String target, int flags);

        String strerror(int errno);
    }

    private static final class Holder {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
    }

    private Mounts() {}

    static void mount(String source, Path target, String type, long flags, String data) throws IOException {
        if (Holder.LIBC.mount(source, target.toString(), type, flags, data) != 0) {
            int errno = Holder.RUNTIME.getLastError();
            throw new IOException("cannot mount " + (type != null ? type : source) + " on " + target + ": "
                    + Holder.LIBC.strerror(errno));
        }
    }

    /** Nothing mounted here may reach the host's mount table. */
    static void makeRootSlave() throws IOException {
        if (Holder.LIBC.mount(null, "/", null, MS_REC | MS_SLAVE, null) != 0) {
            throw new IOException("cannot make / a slave mount: " + Holder.LIBC.strerror(Holder.RUNTIME.getLastError()));
        }
    }

    static void detach(Path target) throws IOException {
        if (Holder.LIBC.umount2(target.toString(), MNT_DETACH) != 0) {
            throw new IOException("cannot unmount " + target + ": " + Holder.LIBC.strerror(Holder.RUNTIME.getLastError()));
        }
    }
}
