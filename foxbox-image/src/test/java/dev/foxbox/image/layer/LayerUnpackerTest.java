package dev.foxbox.image.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.foxbox.image.model.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What applying layers produces on disk, on the real filesystem. */
class LayerUnpackerTest {

    @TempDir
    Path tmp;
    Path root;
    List<String> notes = new ArrayList<>();
    LayerUnpacker unpacker;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectory(tmp.resolve("root"));
        unpacker = new LayerUnpacker(root, UnpackOptions.defaults().withNotes(notes::add));
    }

    private UnpackReport apply(TarBuilder layer) throws IOException {
        return unpacker.apply(new ByteArrayInputStream(layer.build()), "sha256:test");
    }

    private Stat stat(String path) throws IOException {
        return Stat.of(root.resolve(path));
    }

    private Set<String> list(String dir) throws IOException {
        Set<String> names = new TreeSet<>();
        for (Path p : Trees.children(root.resolve(dir))) {
            names.add(p.getFileName().toString());
        }
        return names;
    }

    @Test
    void writesFilesDirectoriesAndReportsTheDiffId() throws IOException {
        byte[] tar = new TarBuilder().dir("etc").file("etc/hostname", "box\n", 0644).file("deep/er/file", "x").build();
        UnpackReport report = unpacker.apply(new ByteArrayInputStream(tar), "sha256:test");

        assertEquals("box\n", Files.readString(root.resolve("etc/hostname")));
        assertEquals(0644, stat("etc/hostname").permissions());
        assertEquals(TarBuilder.MTIME, stat("etc/hostname").mtime());
        assertEquals(0755, stat("deep/er").permissions(), "missing parents are created 0755");
        assertEquals(3, report.entries());
        assertEquals(5, report.bytesWritten());
        assertEquals(Digest.sha256(tar), report.diffId());
        assertEquals(List.of(), report.notes());
    }

    @Test
    void readsGzipAndZstdByTheirBytes() throws IOException {
        byte[] tar = new TarBuilder().file("f", "content").build();
        for (Compression c : Compression.values()) {
            java.io.ByteArrayOutputStream blob = new java.io.ByteArrayOutputStream();
            try (var out = c.compressing(blob)) {
                out.write(tar);
            }
            UnpackReport report = unpacker.apply(new ByteArrayInputStream(blob.toByteArray()), "sha256:" + c);
            assertEquals(Digest.sha256(tar), report.diffId(), c.toString());
            assertEquals("content", Files.readString(root.resolve("f")));
        }
    }

    @Test
    void modesIncludingSpecialBitsAndUnwritableDirectories() throws IOException {
        apply(new TarBuilder()
                .file("suid", "x", 04755)
                .file("none", "x", 0)
                .dir("sticky", 01777)
                .dir("sgid", 02775)
                .dir("ro", 0555).file("ro/child", "x").dir("ro/sub", 0500).file("ro/sub/inner", "y")
                .dir("closed", 0).file("closed/child", "z"));

        assertEquals(04755, stat("suid").permissions());
        assertEquals(0, stat("none").permissions());
        assertEquals(01777, stat("sticky").permissions());
        assertEquals(02775, stat("sgid").permissions());
        assertEquals(0555, stat("ro").permissions());
        assertEquals(0500, stat("ro/sub").permissions());
        assertEquals(0, stat("closed").permissions());
        assertTrue(Files.exists(root.resolve("ro/sub/inner"), LinkOption.NOFOLLOW_LINKS));

        // a later layer can still add below the read-only directories of an earlier one
        apply(new TarBuilder().file("ro/sub/later", "l").file("closed/later", "l"));
        assertEquals(0500, stat("ro/sub").permissions());
        assertEquals(0, stat("closed").permissions());
        Syscalls.chmod(root.resolve("closed"), 0700);
        assertEquals(Set.of("child", "later"), list("closed"));
    }

    @Test
    void directoryTimesAreSetAfterTheirContents() throws IOException {
        apply(new TarBuilder().dir("d").file("d/a", "1").dir("d/sub").file("d/sub/b", "2").symlink("d/link", "a"));
        assertEquals(TarBuilder.MTIME, stat("d").mtime());
        assertEquals(TarBuilder.MTIME, stat("d/sub").mtime());
    }

    @Test
    void symlinksKeepTargetAndTheirOwnMtime() throws IOException {
        apply(new TarBuilder().symlink("abs", "/nonexistent/target").symlink("rel", "../x//y/"));
        assertEquals("/nonexistent/target", Syscalls.readlink(root.resolve("abs")));
        assertEquals("../x//y/", Syscalls.readlink(root.resolve("rel")), "the target is kept byte for byte");
        assertEquals(TarBuilder.MTIME, stat("abs").mtime());
    }

    @Test
    void relativeSymlinkedParentInsideTheRootIsFollowed() throws IOException {
        apply(new TarBuilder().dir("usr/lib").symlink("lib", "usr/lib").symlink("usr/lib64", "./lib"));
        apply(new TarBuilder().file("lib/libc.so", "elf").file("usr/lib64/ld.so", "ld"));
        assertTrue(stat("lib").isSymlink());
        assertEquals("elf", Files.readString(root.resolve("usr/lib/libc.so")));
        assertEquals("ld", Files.readString(root.resolve("usr/lib/ld.so")));
    }

    @Test
    void hardlinksShareTheInode() throws IOException {
        apply(new TarBuilder().file("a", "data").dir("d").hardlink("d/b", "a").symlink("s", "a").hardlink("t", "s"));
        assertEquals(stat("a").ino(), stat("d/b").ino());
        assertEquals(2, stat("a").nlink());
        assertTrue(stat("t").isSymlink(), "a hardlink to a symlink links the symlink itself");
    }

    @Test
    void userXattrsAreSet() throws IOException {
        apply(new TarBuilder().file("f", "x", 0644, Map.of("SCHILY.xattr.user.foxbox", "v1",
                "SCHILY.xattr.trusted.foxbox", "v2")));
        byte[] value = Xattrs.get(root.resolve("f"), "user.foxbox");
        assumeTrue(value != null, "this filesystem refused user xattrs: " + notes);
        assertArrayEquals("v1".getBytes(StandardCharsets.UTF_8), value);
        if (!TreeSnapshot.isRoot()) {
            assertEquals(List.of(), notes, "trusted.* is skipped silently");
        }
    }

    @Test
    void whiteoutsRemoveLowerEntries() throws IOException {
        apply(new TarBuilder().dir("a").file("a/x", "1").file("a/y", "2").dir("b").file("b/deep", "3").file("c", "4"));
        apply(new TarBuilder().file("a/.wh.x", "").file(".wh.b", "").file(".wh.missing", "").file("a/.wh..wh.plnk", ""));
        assertEquals(Set.of("a", "c"), list(""));
        assertEquals(Set.of("y"), list("a"));
    }

    @Test
    void opaqueDirectoryKeepsOnlyThisLayersEntries() throws IOException {
        apply(new TarBuilder().dir("d").file("d/old", "1").dir("d/sub").file("d/sub/old", "2").file("keep", "k"));
        apply(new TarBuilder().dir("d").file("d/before", "b").dir("d/sub").file("d/sub/new", "n")
                .file("d/.wh..wh..opq", "").file("d/after", "a"));
        assertEquals(Set.of("before", "after", "sub"), list("d"));
        assertEquals(Set.of("new"), list("d/sub"), "lower entries of a re-added subdirectory are hidden too");
        assertEquals(Set.of("d", "keep"), list(""));
    }

    @Test
    void whiteoutDoesNotHideWhatTheSameLayerAdds() throws IOException {
        apply(new TarBuilder().file("f", "lower"));
        apply(new TarBuilder().file("f", "upper").file(".wh.f", ""));
        assertEquals("upper", Files.readString(root.resolve("f")));
    }

    @Test
    void laterDuplicateWins() throws IOException {
        apply(new TarBuilder().file("ff", "one").file("ff", "two")
                .file("fd", "file").dir("fd").file("fd/in", "x")
                .dir("df").file("df/in", "x").file("df", "file")
                .dir("dd", 0700).file("dd/kept", "k").dir("dd", 0751));
        assertEquals("two", Files.readString(root.resolve("ff")));
        assertTrue(stat("fd").isDirectory());
        assertTrue(stat("df").isRegularFile());
        assertEquals("file", Files.readString(root.resolve("df")));
        assertEquals(Set.of("kept"), list("dd"), "a directory replaced by a directory keeps its contents");
        assertEquals(0751, stat("dd").permissions());
    }

    @Test
    void rootEntrySetsTheRootsMetadata() throws IOException {
        apply(new TarBuilder().dir("./", 0750).file("f", "x"));
        assertEquals(0750, Stat.of(root).permissions());
        assertEquals(TarBuilder.MTIME, Stat.of(root).mtime());
    }

    @Test
    void fifos() throws IOException {
        apply(new TarBuilder().fifo("pipe"));
        assertEquals(Stat.S_IFIFO, stat("pipe").type());
        assertEquals(0640, stat("pipe").permissions());
        assertEquals(TarBuilder.MTIME, stat("pipe").mtime());
    }

    @Test
    void deviceNodesAreCreatedWhenPermittedAndSkippedWithANoteOtherwise() throws IOException {
        UnpackReport report = apply(new TarBuilder().charDevice("null", 1, 3).charDevice("zero", 1, 5).file("f", "x"));
        if (TreeSnapshot.isRoot()) {
            assertEquals(Stat.S_IFCHR, stat("null").type());
            assertEquals(Syscalls.makedev(1, 3), stat("null").rdev());
            assertEquals(0666, stat("null").permissions());
            assertEquals(3, report.entries());
        } else {
            assertFalse(Files.exists(root.resolve("null"), LinkOption.NOFOLLOW_LINKS));
            assertEquals(List.of("layer sha256:test: skipped 2 device nodes (mknod not permitted)"), report.notes());
            assertEquals(report.notes(), notes);
            assertEquals(1, report.entries());
        }
    }

    @Test
    void ownershipIsAppliedWhenAsked() throws IOException {
        assumeTrue(TreeSnapshot.isRoot(), "only root may give files to other users");
        var entry = TarBuilder.entry("owned", org.apache.commons.compress.archivers.tar.TarConstants.LF_NORMAL, 04755);
        entry.setUserId(1234);
        entry.setGroupId(5678);
        apply(new TarBuilder().add(entry, new byte[] {1}));
        assertEquals(1234, stat("owned").uid());
        assertEquals(5678, stat("owned").gid());
        assertEquals(04755, stat("owned").permissions(), "chown happens before chmod, which would clear setuid");
    }

    @Test
    void paxTimesWithNanosecondsAndAtime() throws IOException {
        apply(new TarBuilder().file("f", "x", 0644, Map.of("mtime", "1600000000.1234567", "atime", "1500000000.5")));
        assertEquals(Instant.ofEpochSecond(1600000000, 123456700), stat("f").mtime());
        assertEquals(Instant.ofEpochSecond(1500000000, 500000000), stat("f").atime());
    }

    @Test
    void gnuSparseFiles() throws IOException {
        for (String name : List.of("sparse-gnu.tar.gz", "sparse-pax.tar.gz")) {
            try (var in = getClass().getResourceAsStream("/layer/" + name)) {
                unpacker.apply(in, name);
            }
            byte[] content = Files.readAllBytes(root.resolve("holes"));
            assertEquals(1 << 20, content.length, name);
            assertEquals("start", new String(content, 0, 5, StandardCharsets.US_ASCII), name);
            assertEquals("end", new String(content, content.length - 3, 3, StandardCharsets.US_ASCII), name);
            assertEquals(0, content[content.length / 2], name);
        }
    }

    @Test
    void nonAsciiNamesWhereTheJvmCanNameThem() throws IOException {
        byte[] layer = new TarBuilder().file(SampleTree.UNICODE_NAME, "ü").build();
        if (SampleTree.UNICODE_NAMES) {
            unpacker.apply(new ByteArrayInputStream(layer), "sha256:test");
            assertEquals("ü", Files.readString(root.resolve(SampleTree.UNICODE_NAME)));
        } else {
            IOException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidLayerException.class,
                    () -> unpacker.apply(new ByteArrayInputStream(layer), "sha256:test"));
            assertTrue(e.getMessage().contains("name cannot be used on this host"), e.getMessage());
        }
    }
}
