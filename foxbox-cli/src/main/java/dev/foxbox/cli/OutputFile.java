package dev.foxbox.cli;

import dev.foxbox.image.store.ThisProcess;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Where {@code save} and {@code export} write a tar: a file, written beside it and renamed over it
 * once whole (a failed save leaves no half archive; the mode is what the umask gives, as for any
 * file the user makes), or standard output, which must not be a terminal.
 */
final class OutputFile {

    private static final int BUFFER = 256 * 1024;

    /** Writes the content to an output stream, which it does not close. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private OutputFile() {}

    /** Writes to {@code file}, or to standard output when it is null; {@code what} names the content in errors. */
    static void write(Path file, String what, Content content) throws IOException {
        if (file == null) {
            if (CopyPrinter.isTerminal()) {
                throw new IllegalArgumentException("refusing to write " + what + " to a terminal: use -o FILE, or redirect"
                        + " standard output");
            }
            OutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), BUFFER);
            content.writeTo(stdout);
            stdout.flush();
            return;
        }
        Path target = file.toAbsolutePath();
        Path partial = target.resolveSibling("." + target.getFileName() + "-" + ThisProcess.pid() + "-"
                + Long.toHexString(System.nanoTime()) + ".partial");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), BUFFER)) {
                content.writeTo(out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
    }
}
