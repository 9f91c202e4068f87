package dev.foxbox.image.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Whole-file replacement that readers never see half done, and that survives a crash. */
public final class AtomicFiles {

    private AtomicFiles() {}

    /**
     * Writes {@code content} to a temporary file in {@code tmpDir} (which must be on the same file
     * system as {@code target}), fsyncs it, renames it over {@code target}, and fsyncs the
     * directory.
     */
    public static void write(Path target, byte[] content, Path tmpDir) throws IOException {
        Files.createDirectories(tmpDir);
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(tmpDir, target.getFileName() + "-" + ProcessHandle.current().pid() + "-", ".partial");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
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
