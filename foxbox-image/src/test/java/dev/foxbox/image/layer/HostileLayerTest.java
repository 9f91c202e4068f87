package dev.foxbox.image.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile layers, one per row: each is refused with an exception naming the layer and the
 * entry, or applied harmlessly; either way nothing next to the root changes. The "outside"
 * that absolute symlinks aim at is a sentinel directory beside the root.
 */
class HostileLayerTest {

    /** Absolute paths a broken unpacker would write to; they must never appear. */
    private static final Path ABSOLUTE_VICTIM = Path.of("/etc/foxbox-hostile-layer-test");

    /** One row: layers built from the sentinel's absolute path; the last one is the hostile one. */
    record Case(String name, Function<String, List<byte[]>> layers, Class<? extends Exception> refusal, String entry) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                refused("dot-dot traversal", s -> List.of(new TarBuilder().file("../x", "pwned").build()),
                        "../x"),
                refused("traversal after a real component", s -> List.of(new TarBuilder().dir("a").file("a/../../x", "pwned").build()),
                        "a/../../x"),
                refused("absolute name", s -> List.of(new TarBuilder().file(ABSOLUTE_VICTIM.toString(), "pwned").build()),
                        ABSOLUTE_VICTIM.toString()),
                refused("absolute symlinked parent in the same layer",
                        s -> List.of(new TarBuilder().symlink("l", s).file("l/x", "pwned").build()), "l/x"),
                refused("relative symlinked parent climbing out, same layer",
                        s -> List.of(new TarBuilder().symlink("l", "../../outside").file("l/x", "pwned").build()), "l/x"),
                refused("relative symlinked parent into the sentinel",
                        s -> List.of(new TarBuilder().symlink("l", "../sentinel").file("l/x", "pwned").build()), "l/x"),
                refused("symlinked parent from an earlier layer",
                        s -> List.of(new TarBuilder().symlink("l", s).build(), new TarBuilder().file("l/x", "pwned").build()),
                        "l/x"),
                refused("chained symlinks climbing out",
                        s -> List.of(new TarBuilder().symlink("a", "b").symlink("b", "..").file("a/x", "pwned").build()),
                        "a/x"),
                refused("symlink loop", s -> List.of(new TarBuilder().symlink("a", "a").file("a/x", "pwned").build()),
                        "a/x"),
                refused("directory entry below an absolute symlink",
                        s -> List.of(new TarBuilder().symlink("l", s).dir("l/sub", 0777).build()), "l/sub/"),
                refused("hardlink to ../outside",
                        s -> List.of(new TarBuilder().hardlink("h", "../sentinel/keep").build()), "h"),
                refused("hardlink to an absolute path",
                        s -> List.of(new TarBuilder().hardlink("h", s + "/keep").build()), "h"),
                refused("hardlink through a symlinked parent",
                        s -> List.of(new TarBuilder().symlink("l", s).hardlink("h", "l/keep").build()), "h"),
                refused("root replaced by a symlink", s -> List.of(new TarBuilder().symlink(".", s).build()), "."),
                refused("root replaced by a file", s -> List.of(new TarBuilder().file(".", "pwned").build()), "."),
                refused("root replaced by a hardlink",
                        s -> List.of(new TarBuilder().file("f", "x").hardlink(".", "f").build()), "."),
                refused("whiteout escaping the root",
                        s -> List.of(new TarBuilder().file("../.wh.sentinel", "").build()), "../.wh.sentinel"),
                refused("whiteout of the parent", s -> List.of(new TarBuilder().file(".wh..", "").build()), ".wh.."),
                refused("whiteout through an absolute symlink",
                        s -> List.of(new TarBuilder().symlink("l", s).file("l/.wh.keep", "").build()), "l/.wh.keep"),
                applied("file replacing a symlink to outside is not written through",
                        s -> List.of(new TarBuilder().symlink("l", s + "/keep").build(),
                                new TarBuilder().file("l", "replaced", 0600).build())),
                applied("directory replacing a symlink to outside is not chmod'ed through",
                        s -> List.of(new TarBuilder().symlink("l", s).build(), new TarBuilder().dir("l", 0700).build())),
                applied("whiteout of a symlink to outside removes only the symlink",
                        s -> List.of(new TarBuilder().symlink("l", s).build(), new TarBuilder().file(".wh.l", "").build())),
                applied("opaque marker in a symlink to outside touches nothing",
                        s -> List.of(new TarBuilder().symlink("l", s).build(),
                                new TarBuilder().file("l/.wh..wh..opq", "").build())),
                applied("directory replaced by a symlink to outside in the same layer: deferred mode stays inside",
                        s -> List.of(new TarBuilder().dir("d", 0700).symlink("d", s).build())),
                applied("parent replaced by a symlink to outside in the same layer: deferred times stay inside",
                        s -> List.of(new TarBuilder().dir("p", 0755).dir("p/keep", 0700).symlink("p", s).build())),
                applied("hardlink to a symlink to outside links the symlink itself",
                        s -> List.of(new TarBuilder().symlink("l", s + "/keep").hardlink("h", "l").build())));
    }

    private static Arguments refused(String name, Function<String, List<byte[]>> layers, String entry) {
        return Arguments.of(new Case(name, layers, UnsafeLayerException.class, entry));
    }

    private static Arguments applied(String name, Function<String, List<byte[]>> layers) {
        return Arguments.of(new Case(name, layers, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostileLayerIsContained(Case c, @TempDir Path tmp) throws IOException {
        Path root = Files.createDirectory(tmp.resolve("root"));
        Path sentinel = Files.createDirectory(tmp.resolve("sentinel"));
        Files.writeString(sentinel.resolve("keep"), "sentinel");
        Files.setPosixFilePermissions(sentinel.resolve("keep"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        SortedMap<String, String> before = TreeSnapshot.of(tmp, root);

        List<byte[]> layers = c.layers().apply(sentinel.toString());
        LayerUnpacker unpacker = new LayerUnpacker(root, UnpackOptions.defaults());
        for (int i = 0; i < layers.size() - 1; i++) {
            unpacker.apply(new ByteArrayInputStream(layers.get(i)), "sha256:lower" + i);
        }
        byte[] last = layers.get(layers.size() - 1);
        if (c.refusal() == null) {
            unpacker.apply(new ByteArrayInputStream(last), "sha256:hostile");
        } else {
            Exception e = assertThrows(Exception.class, () -> unpacker.apply(new ByteArrayInputStream(last), "sha256:hostile"));
            assertInstanceOf(c.refusal(), e);
            assertTrue(e.getMessage().startsWith("layer sha256:hostile: "), e.getMessage());
            assertTrue(e.getMessage().contains("entry " + EntryRef.quote(c.entry()) + ": "), e.getMessage());
        }

        assertEquals(before, TreeSnapshot.of(tmp, root), "something outside the root changed");
        assertEquals("sentinel", Files.readString(sentinel.resolve("keep"), StandardCharsets.UTF_8));
        assertFalse(Files.exists(ABSOLUTE_VICTIM));
        assertFalse(Files.exists(tmp.resolve("x")));
        assertFalse(Files.exists(tmp.resolve("outside")));
    }
}
