package dev.foxbox.image.store;

import dev.foxbox.image.model.Digest;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gets a hash algorithm going on a spare core, for a caller that is about to hash a lot and must
 * first wait for something else (a pull, for the registry's first answers).
 *
 * <p>A JVM's first SHA-256 loads the JDK's security providers, and its compress function runs in
 * the interpreter, then in C1's code, until C2 compiles it with the CPU's SHA instructions, ten
 * times faster. Without this, the first layers of a pull go through all of that while every core
 * is busy receiving; with it, a cold pull of 200 MB took about 20 ms less (bench/pull.sh;
 * BENCHMARKS.md, "Pull"). The launcher's flags let C2 compile those methods early.
 */
public final class HasherWarmUp {

    /** Enough blocks for the compress function to leave the interpreter and be queued for C2. */
    private static final int BYTES = 256 * 1024;

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private HasherWarmUp() {}

    /** Starts hashing throwaway bytes with {@code algorithm} on a daemon thread, once per JVM. */
    public static void start(Digest.Algorithm algorithm) {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            MessageDigest hasher = algorithm.newHasher();
            byte[] block = new byte[64 * 1024];
            for (int hashed = 0; hashed < BYTES; hashed += block.length) {
                hasher.update(block);
            }
            hasher.digest();
        }, "foxbox-hasher-warm-up");
        thread.setDaemon(true);
        thread.start();
    }
}
