package dev.foxbox.image.layer;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A directory tree with one of everything a layer can hold, built the same way every time. */
final class SampleTree {

    static final Instant MTIME = Instant.parse("2021-06-07T08:09:10Z");
    static final String LONG_DIR = "long/" + "x".repeat(120);
    static final String UNICODE_NAME = "café/ünïcode.txt";

    /** Whether this JVM can name files outside ASCII: not with LANG=C, where sun.jnu.encoding is ASCII. */
    static final boolean UNICODE_NAMES = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"))
            .newEncoder().canEncode(UNICODE_NAME);

    private SampleTree() {}

    /** Builds the tree under {@code dir}; returns the notes about what this user could not create. */
    static List<String> build(Path dir) throws IOException {
        List<String> skipped = new ArrayList<>();
        Files.createDirectories(dir.resolve("bin"));
        write(dir, "bin/tool", "#!/bin/sh\necho tool\n", 04755);
        Files.createLink(dir.resolve("bin/tool-again"), dir.resolve("bin/tool"));
        Files.createDirectories(dir.resolve("etc"));
        write(dir, "etc/empty", "", 0600);
        write(dir, "etc/config", "key=value\n", 0640);
        Files.createDirectories(dir.resolve("tmp"));
        Syscalls.chmod(dir.resolve("tmp"), 01777);
        Files.createDirectories(dir.resolve("readonly"));
        write(dir, "readonly/file", "r", 0444);
        Files.createDirectories(dir.resolve(LONG_DIR));
        write(dir, LONG_DIR + "/" + "y".repeat(90), "long name", 0644);
        if (UNICODE_NAMES) {
            Files.createDirectories(dir.resolve(UNICODE_NAME).getParent());
            write(dir, UNICODE_NAME, "ü", 0644);
        } else {
            skipped.add("non-ASCII names: the JVM's file name encoding is " + System.getProperty("sun.jnu.encoding"));
        }
        Syscalls.symlink("bin/tool", dir.resolve("link"));
        Syscalls.symlink("/nowhere/at/all", dir.resolve("dangling"));
        Syscalls.mkfifo(dir.resolve("pipe"), 0620);
        try {
            Syscalls.lsetxattr(dir.resolve("etc/config"), "user.foxbox.note", "hello".getBytes(StandardCharsets.UTF_8));
        } catch (ErrnoException e) {
            skipped.add("user xattrs: " + e.getMessage());
        }
        if (TreeSnapshot.isRoot()) {
            Syscalls.mknod(dir.resolve("null"), Stat.S_IFCHR | 0666, 1, 3);
        } else {
            skipped.add("device nodes: not root");
        }
        // last, so that creating children did not bump them
        Syscalls.chmod(dir.resolve("readonly"), 0555);
        setTimes(dir);
        return skipped;
    }

    private static void write(Path dir, String name, String content, int mode) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Syscalls.chmod(file, mode);
    }

    /** Every node, symlinks included, gets the same whole-second mtime. */
    static void setTimes(Path dir) throws IOException {
        List<Path> all = new ArrayList<>();
        try (var paths = Files.walk(dir)) {
            paths.forEach(all::add);
        }
        for (Path p : all) {
            Syscalls.lutimes(p, MTIME, MTIME);
        }
    }
}
