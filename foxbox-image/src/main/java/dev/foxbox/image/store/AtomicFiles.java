package dev.foxbox.image.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** Whole-file replacement that readers never see half done, and that survives a crash. */
public final class AtomicFiles {

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));

    private AtomicFiles() {}

    /**
     * Writes {@code content} to a temporary file in {@code tmpDir} (which must be on the same file
     * system as {@code target}), fsyncs it, renames it over {@code target}, and fsyncs the
     * directory.
     */
    public static void write(Path target, byte[] content, Path tmpDir) throws IOException {
        Files.createDirectories(tmpDir);
        Files.createDirectories(target.getParent());
        Path tmp = tmpDir.resolve(target.getFileName() + "-" + ThisProcess.pid() + "-" + System.nanoTime() + ".partial");
        // Not Files.createTempFile: its random names cost a SecureRandom's set-up. CREATE_NEW and
        // the mode, 0600, are what it would give.
        FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW), OWNER_ONLY);
        try {
            try (ch) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            DirContentStore.syncDirectory(target.getParent());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
