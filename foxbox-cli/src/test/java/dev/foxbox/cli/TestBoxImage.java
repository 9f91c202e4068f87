package dev.foxbox.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Assumptions;

/**
 * The image the runtime tests run: Debian's static busybox, the static probe program
 * (foxbox-runtime/src/test/c/probe.c, compiled here) and a few files with owners and modes the
 * tests check. Built once per data root and imported as "probe".
 */
final class TestBoxImage {

    private TestBoxImage() {}

    /** Builds and imports the image into foxbox's root; skips the test without gcc or busybox-static. */
    static void importInto(Foxbox foxbox, Path workDir) throws Exception {
        Path probe = compileProbe(workDir);
        Path busybox = Path.of("/bin/busybox");
        Assumptions.assumeTrue(Files.isExecutable(busybox), "skipped: /bin/busybox is missing (install busybox-static)");
        Path tarball = workDir.resolve("probe-image.tar.gz");
        try (OutputStream file = Files.newOutputStream(tarball);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(file))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String dir : List.of("bin", "etc", "tmp", "root", "home", "home/fox", "proc", "sys", "dev", "usr", "usr/bin", "var")) {
                directory(tar, dir, dir.equals("tmp") ? 01777 : dir.equals("home/fox") ? 0750 : 0755,
                        dir.equals("home/fox") ? 1000 : 0);
            }
            file(tar, "bin/busybox", Files.readAllBytes(busybox), 0755, 0, 0);
            file(tar, "bin/probe", Files.readAllBytes(probe), 0755, 0, 0);
            for (String applet : List.of("sh", "ls", "cat", "id", "ps", "stat", "echo", "sleep", "kill", "hostname",
                    "touch", "mkdir", "grep", "true", "false", "env", "pwd", "readlink", "head", "tty", "mount", "httpd",
                    "wget", "nc", "dd", "df", "ip", "chown", "rm", "trap", "seq")) {
                symlink(tar, "bin/" + applet, "busybox");
            }
            file(tar, "etc/passwd", ("root:x:0:0:root:/root:/bin/sh\nfox:x:1000:1000:fox:/home/fox:/bin/sh\n"
                    + "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n").getBytes(StandardCharsets.UTF_8), 0644, 0, 0);
            file(tar, "etc/group", "root:x:0:\nfox:x:1000:\nwheel:x:10:fox\naudio:x:29:fox\nnogroup:x:65534:\n"
                    .getBytes(StandardCharsets.UTF_8), 0644, 0, 0);
            file(tar, "home/fox/owned", "owned by fox\n".getBytes(StandardCharsets.UTF_8), 0640, 1000, 1000);
            file(tar, "bin/not-executable", "#!/bin/sh\necho no\n".getBytes(StandardCharsets.UTF_8), 0644, 0, 0);
            file(tar, "usr/bin/suid-probe", Files.readAllBytes(probe), 04755, 0, 0);
        }
        foxbox.run("import", tarball.toString(), "probe").ok();
    }

    static Path compileProbe(Path workDir) throws IOException, InterruptedException {
        HostTools.require("gcc");
        Path source = HostTools.repositoryRoot().resolve("foxbox-runtime/src/test/c/probe.c");
        Path out = workDir.resolve("probe");
        HostTools.runOk(workDir, "gcc", "-static", "-O2", "-o", out.toString(), source.toString());
        return out;
    }

    private static void directory(TarArchiveOutputStream tar, String name, int mode, int owner) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name + "/");
        e.setMode(040000 | mode);
        e.setIds(owner, owner);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] content, int mode, int uid, int gid)
            throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(0100000 | mode);
        e.setSize(content.length);
        e.setIds(uid, gid);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static void symlink(TarArchiveOutputStream tar, String name, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
        e.setLinkName(target);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }
}
