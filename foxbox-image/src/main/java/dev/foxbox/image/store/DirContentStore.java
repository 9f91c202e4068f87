package dev.foxbox.image.store;

import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.InvalidDigestException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Blobs as files under {@code blobs/<algorithm>/<hex>}, the OCI image layout's scheme.
 *
 * <p>A write goes to a temporary file in {@code tmpDir} (same file system), is hashed while
 * it streams, fsynced, checked, and renamed into place atomically: a reader sees the whole,
 * verified blob or nothing. {@code tmpDir} lies outside {@code blobs/} so that other OCI tools
 * never see a partial file.
 */
public final class DirContentStore implements ContentStore {

    private final Path blobs;
    private final Path tmpDir;

    public DirContentStore(Path layoutDir, Path tmpDir) {
        this.blobs = layoutDir.resolve("blobs");
        this.tmpDir = tmpDir;
    }

    /** Where the blob lives, whether or not it exists. Safe: a Digest is validated hex. */
    public Path path(Digest digest) {
        return blobs.resolve(digest.algorithm().id()).resolve(digest.hex());
    }

    @Override
    public BlobWriter newWriter(Digest.Algorithm algorithm) throws IOException {
        Files.createDirectories(tmpDir);
        Path tmp = Files.createTempFile(tmpDir, "blob-" + ThisProcess.pid() + "-", ".partial");
        return new FileBlobWriter(tmp, algorithm);
    }

    @Override
    public InputStream open(Digest digest) throws IOException {
        try {
            return new VerifyingInputStream(Files.newInputStream(path(digest)), digest);
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(digest);
        }
    }

    @Override
    public byte[] read(Digest digest, int limit) throws IOException {
        Optional<Long> size = stat(digest);
        if (size.isEmpty()) {
            throw new BlobNotFoundException(digest);
        }
        if (size.get() > limit) {
            throw new IOException("blob " + digest + " is " + size.get() + " bytes, over the limit of " + limit);
        }
        byte[] content;
        try {
            content = Files.readAllBytes(path(digest));
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(digest);
        }
        Digest actual = Digest.compute(digest.algorithm(), content);
        if (!actual.equals(digest)) {
            throw corrupt(digest, actual);
        }
        return content;
    }

    @Override
    public Optional<Long> stat(Digest digest) throws IOException {
        try {
            return Optional.of(Files.size(path(digest)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean delete(Digest digest) throws IOException {
        return Files.deleteIfExists(path(digest));
    }

    @Override
    public List<Digest> list() throws IOException {
        List<Digest> out = new ArrayList<>();
        if (!Files.isDirectory(blobs)) {
            return out;
        }
        for (Digest.Algorithm algorithm : Digest.Algorithm.values()) {
            Path dir = blobs.resolve(algorithm.id());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path f : files) {
                    try {
                        out.add(new Digest(algorithm, f.getFileName().toString()));
                    } catch (InvalidDigestException e) {
                        // Not a blob (another tool's temporary file, say): not ours to list or delete.
                    }
                }
            }
        }
        return out;
    }

    /** fsync a directory, so that a rename into it survives a crash. */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private final class FileBlobWriter extends BlobWriter {
        private final Path tmp;
        private final FileChannel channel;
        private final java.io.OutputStream out;
        private final WriteBehind writeBehind;
        private final Digest.Algorithm algorithm;
        private final MessageDigest hasher;
        private long size;
        private boolean done;

        FileBlobWriter(Path tmp, Digest.Algorithm algorithm) throws IOException {
            this.tmp = tmp;
            this.algorithm = algorithm;
            this.hasher = algorithm.newHasher();
            this.channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
            this.out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 64 * 1024);
            this.writeBehind = new WriteBehind(channel, out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            hasher.update(b, off, len);
            size += len;
            writeBehind.written(len);
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public Digest commit(Digest expected) throws IOException {
            if (done) {
                throw new IllegalStateException("blob writer already closed");
            }
            out.flush();
            writeBehind.finish();
            channel.force(true);
            channel.close();
            done = true;
            if (expected != null && expected.algorithm() != algorithm) {
                Files.deleteIfExists(tmp);
                throw new IllegalArgumentException("writer hashes with " + algorithm.id() + ", expected digest is " + expected);
            }
            Digest actual = Digest.of(algorithm, hasher.digest());
            if (expected != null && !expected.equals(actual)) {
                Files.deleteIfExists(tmp);
                throw new DigestMismatchException(expected, actual);
            }
            Path target = path(actual);
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                Files.deleteIfExists(tmp); // already there: content addressing makes this a no-op
                return actual;
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                Files.deleteIfExists(tmp);
                if (!Files.exists(target)) {
                    throw e;
                }
            }
            syncDirectory(target.getParent());
            return actual;
        }

        @Override
        public void close() throws IOException {
            if (!done) {
                done = true;
                try {
                    writeBehind.finish();
                } catch (IOException e) {
                    // thrown away with the rest of the file
                } finally {
                    try {
                        channel.close();
                    } finally {
                        Files.deleteIfExists(tmp);
                    }
                }
            }
        }
    }

    /** Hashes while reading and fails at the end if the content is not what its name says. */
    private static final class VerifyingInputStream extends FilterInputStream {
        private final Digest expected;
        private final MessageDigest hasher;
        private boolean verified;

        VerifyingInputStream(InputStream in, Digest expected) {
            super(new java.io.BufferedInputStream(in, 64 * 1024));
            this.expected = expected;
            this.hasher = expected.algorithm().newHasher();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                hasher.update(b, off, n);
            } else if (n < 0) {
                verify();
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipping would leave bytes unhashed: read them instead.
            byte[] buf = new byte[(int) Math.min(n, 8192)];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void verify() throws IOException {
            if (verified) {
                return;
            }
            verified = true;
            Digest actual = Digest.of(expected.algorithm(), hasher.digest());
            if (!actual.equals(expected)) {
                throw corrupt(expected, actual);
            }
        }
    }

    private static DigestMismatchException corrupt(Digest expected, Digest actual) {
        return new DigestMismatchException("blob " + expected + " in the store is corrupt: its content hashes to " + actual,
                expected, actual);
    }
}
