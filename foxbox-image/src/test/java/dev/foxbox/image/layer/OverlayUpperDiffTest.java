package dev.foxbox.image.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Synthetic overlayfs upper directories, laid out the way the kernel leaves them. */
class OverlayUpperDiffTest {

    @TempDir
    Path upper;

    private void markOpaque(Path dir, String xattr) throws IOException {
        try {
            if (xattr.startsWith("user.")) {
                Files.getFileAttributeView(dir, UserDefinedFileAttributeView.class)
                        .write(xattr.substring("user.".length()), StandardCharsets.US_ASCII.encode("y"));
            } else {
                Syscalls.lsetxattr(dir, xattr, "y".getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            assumeTrue(false, "cannot set " + xattr + " here: " + e.getMessage());
        }
    }

    @Test
    void additionsAndUserXattrOpaqueDirectories() throws IOException {
        Files.createDirectories(upper.resolve("etc/conf.d"));
        Files.writeString(upper.resolve("etc/conf.d/new.conf"), "x");
        Files.writeString(upper.resolve("etc/hosts"), "h");
        markOpaque(upper.resolve("etc/conf.d"), "user.overlay.opaque");
        Files.createDirectories(upper.resolve("var"));
        Files.getFileAttributeView(upper.resolve("var"), UserDefinedFileAttributeView.class)
                .write("overlay.opaque", StandardCharsets.US_ASCII.encode("n")); // not "y": not opaque

        ChangeSet changes = OverlayUpperDiff.changes(upper);
        assertEquals(List.of(new Change.Added("etc"), new Change.Added("etc/conf.d"), new Change.Opaque("etc/conf.d"),
                new Change.Added("etc/conf.d/new.conf"), new Change.Added("etc/hosts"), new Change.Added("var")),
                changes.changes());

        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        new LayerWriter(WriteOptions.defaults()).write(changes, tar);
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar.toByteArray()))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                for (String key : e.getExtraPaxHeaders().keySet()) {
                    assertFalse(key.contains("overlay"), "overlay's own xattrs stay out of the layer: " + key);
                }
            }
        }
    }

    /** What rootless overlay leaves: since Linux 5.8 anyone may make the 0:0 whiteout device. */
    @Test
    void aWhiteoutDeviceMadeWithoutPrivilegeIsADeletion() throws IOException {
        Files.createDirectories(upper.resolve("var/lib"));
        Syscalls.mknod(upper.resolve("var/lib/gone"), Stat.S_IFCHR | 0600, 0, 0);
        markOpaque(upper.resolve("var/lib"), "user.overlay.opaque");
        assertEquals(List.of(new Change.Added("var"), new Change.Added("var/lib"), new Change.Opaque("var/lib"),
                new Change.Deleted("var/lib/gone")), OverlayUpperDiff.changes(upper).changes());
    }

    /** Rootful overlay: trusted.* xattrs, and real device nodes next to whiteouts. */
    @Test
    void characterDeviceZeroZeroIsADeletion() throws IOException {
        assumeTrue(TreeSnapshot.isRoot(), "only root can make device nodes other than the whiteout, and set trusted.* xattrs");
        Files.createDirectories(upper.resolve("usr/share"));
        Syscalls.mknod(upper.resolve("usr/share/gone"), Stat.S_IFCHR, 0, 0);
        Syscalls.mknod(upper.resolve("usr/null"), Stat.S_IFCHR | 0666, 1, 3); // a real device is an addition
        markOpaque(upper.resolve("usr/share"), "trusted.overlay.opaque");

        assertEquals(List.of(new Change.Added("usr"), new Change.Added("usr/null"), new Change.Added("usr/share"),
                new Change.Opaque("usr/share"), new Change.Deleted("usr/share/gone")),
                OverlayUpperDiff.changes(upper).changes());
    }
}
