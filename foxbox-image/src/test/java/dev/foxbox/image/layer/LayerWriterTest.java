package dev.foxbox.image.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.MediaType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerWriterTest {

    @TempDir
    Path tmp;

    private static byte[] write(ChangeSet changes, WriteOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LayerWriter(options).write(changes, out);
        return out.toByteArray();
    }

    /** Name and header fields of every entry, as commons-compress (not our code) reads them. */
    private static Map<String, TarArchiveEntry> read(byte[] tar) throws IOException {
        Map<String, TarArchiveEntry> entries = new java.util.LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar), "UTF-8")) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.put(e.getName(), e);
            }
        }
        return entries;
    }

    @Test
    void sameTreeBuiltTwiceGivesIdenticalBytes() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        SampleTree.build(a);
        SampleTree.build(b); // other inodes, other ctimes, same content
        WriteOptions options = WriteOptions.defaults().withSourceDateEpoch(Instant.parse("2022-01-01T00:00:00Z"));
        byte[] first = write(ChangeSet.ofTree(a), options);
        assertArrayEquals(first, write(ChangeSet.ofTree(a), options));
        assertArrayEquals(first, write(ChangeSet.ofTree(b), options));
    }

    @Test
    void headersAreCanonical() throws IOException {
        Path src = tmp.resolve("src");
        List<String> skipped = SampleTree.build(src);
        Map<String, TarArchiveEntry> entries = read(write(ChangeSet.ofTree(src), WriteOptions.defaults()));

        List<String> names = new ArrayList<>(entries.keySet());
        List<String> sorted = new ArrayList<>(names);
        sorted.sort((x, y) -> PathOrder.compare(x.replaceAll("/$", ""), y.replaceAll("/$", "")));
        assertEquals(sorted, names, "entries are in byte order of their paths");
        assertTrue(names.contains(SampleTree.LONG_DIR + "/" + "y".repeat(90)), "long names survive through PAX");
        assertEquals(SampleTree.UNICODE_NAMES, names.contains(SampleTree.UNICODE_NAME));
        for (TarArchiveEntry e : entries.values()) {
            assertEquals("", e.getUserName(), e.getName());
            assertEquals("", e.getGroupName(), e.getName());
            assertEquals(null, e.getLastAccessTime(), e.getName());
        }
        assertEquals(04755, entries.get("bin/tool").getMode() & 07777);
        assertTrue(entries.get("bin/tool-again").isLink());
        assertEquals("bin/tool", entries.get("bin/tool-again").getLinkName());
        assertEquals("/nowhere/at/all", entries.get("dangling").getLinkName());
        assertTrue(entries.get("pipe").isFIFO());
        assertTrue(entries.get("tmp/").isDirectory());
        if (!skipped.stream().anyMatch(s -> s.startsWith("user xattrs"))) {
            assertEquals("hello", entries.get("etc/config").getExtraPaxHeaders().get("SCHILY.xattr.user.foxbox.note"));
        }
    }

    @Test
    void mtimesAreClampedToSourceDateEpoch() throws IOException {
        Path src = Files.createDirectory(tmp.resolve("src"));
        Files.writeString(src.resolve("new"), "n");
        Files.writeString(src.resolve("old"), "o");
        Files.setLastModifiedTime(src.resolve("new"), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        Files.setLastModifiedTime(src.resolve("old"), FileTime.from(Instant.parse("2000-01-01T00:00:00.75Z")));
        Instant epoch = Instant.parse("2020-01-01T00:00:00Z");

        Map<String, TarArchiveEntry> entries = read(write(ChangeSet.ofTree(src), WriteOptions.defaults().withSourceDateEpoch(epoch)));
        assertEquals(epoch, entries.get("new").getLastModifiedTime().toInstant());
        assertEquals(Instant.parse("2000-01-01T00:00:00Z"), entries.get("old").getLastModifiedTime().toInstant(),
                "older times are kept, in whole seconds");
    }

    @Test
    void ownerCanBeForced() throws IOException {
        Path src = Files.createDirectory(tmp.resolve("src"));
        Files.writeString(src.resolve("f"), "x");
        Map<String, TarArchiveEntry> entries = read(write(ChangeSet.ofTree(src), WriteOptions.defaults().withOwner(0, 0)));
        assertEquals(0, entries.get("f").getLongUserId());
        assertEquals(0, entries.get("f").getLongGroupId());
    }

    @Test
    void roundTripThroughTheUnpackerGivesTheSameTree() throws IOException {
        Path src = tmp.resolve("src");
        SampleTree.build(src);
        Path root = Files.createDirectory(tmp.resolve("root"));
        UnpackReport report = new LayerUnpacker(root, UnpackOptions.defaults())
                .apply(new ByteArrayInputStream(write(ChangeSet.ofTree(src), WriteOptions.defaults())), "round-trip");

        SortedMap<String, String> expected = TreeSnapshot.of(src, null);
        SortedMap<String, String> actual = TreeSnapshot.of(root, null);
        expected.remove(""); // the roots themselves are not in the layer
        actual.remove("");
        assertEquals(expected, actual);
        assertEquals(Stat.of(root.resolve("bin/tool")).ino(), Stat.of(root.resolve("bin/tool-again")).ino());
        assertEquals(List.of(), report.notes());
    }

    @Test
    void changeSetWritesWhiteoutsAndOpaqueMarkers() throws IOException {
        Path upper = Files.createDirectory(tmp.resolve("upper"));
        Files.createDirectory(upper.resolve("d"));
        Files.writeString(upper.resolve("d/new"), "n");
        ChangeSet changes = new ChangeSet(upper, List.of(new Change.Added("d/new"), new Change.Deleted("gone"),
                new Change.Opaque("d"), new Change.Added("d"), new Change.Deleted("d/old")));
        byte[] layer = write(changes, WriteOptions.defaults());
        assertEquals(List.of(".wh.gone", "d/", "d/.wh..wh..opq", "d/.wh.old", "d/new"), new ArrayList<>(read(layer).keySet()));

        Path root = Files.createDirectory(tmp.resolve("root"));
        LayerUnpacker unpacker = new LayerUnpacker(root, UnpackOptions.defaults());
        unpacker.apply(new ByteArrayInputStream(new TarBuilder().file("gone", "g").dir("d").file("d/old", "o")
                .file("d/other", "x").file("kept", "k").build()), "lower");
        unpacker.apply(new ByteArrayInputStream(layer), "upper");
        SortedMap<String, String> tree = new TreeMap<>(TreeSnapshot.of(root, null));
        assertEquals(List.of("", "d", "d/new", "kept"), new ArrayList<>(tree.keySet()));
    }

    @Test
    void compressedLayerReportsDiffIdDigestAndSize() throws IOException {
        Path src = tmp.resolve("src");
        SampleTree.build(src);
        ChangeSet changes = ChangeSet.ofTree(src);
        byte[] plain = write(changes, WriteOptions.defaults());
        for (Compression c : Compression.values()) {
            ByteArrayOutputStream blob = new ByteArrayOutputStream();
            WrittenLayer written = new LayerWriter(WriteOptions.defaults()).write(changes, c, blob);
            assertEquals(Digest.sha256(plain), written.diffId(), c.toString());
            assertEquals(Digest.sha256(blob.toByteArray()), written.digest(), c.toString());
            assertEquals(blob.size(), written.size(), c.toString());
            assertEquals(c.layerMediaType(), written.mediaType());
            assertArrayEquals(plain, Compression.decompress(new ByteArrayInputStream(blob.toByteArray())).readAllBytes());
        }
        assertEquals(MediaType.OCI_LAYER_GZIP, Compression.GZIP.layerMediaType());
    }

    @Test
    void changeSetRefusesUncleanAndConflictingPaths() {
        Path src = tmp;
        for (String bad : List.of("", "/abs", "a/../b", "./a", "a/", "a//b", "..")) {
            assertThrows(IllegalArgumentException.class, () -> new Change.Added(bad), bad);
        }
        assertThrows(IllegalArgumentException.class,
                () -> new ChangeSet(src, List.of(new Change.Added("a"), new Change.Deleted("a"))));
        new ChangeSet(src, List.of(new Change.Added("a"), new Change.Opaque("a")));
    }
}
