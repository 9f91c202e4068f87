package dev.foxbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 2: {@code foxbox image unpack} of a multi-layer image built by buildah (whiteouts, opaque
 * directories, hardlinks, symlinks, setuid, odd modes) gives the same tree as
 * {@code umoci unpack --rootless}: names, types, modes, link targets, contents.
 */
class UnpackInteropTest {

    @TempDir
    Path dir;

    /** Three layers; the second and third delete, replace and re-create what the first made. */
    static final String BUILD = """
            set -e
            B="buildah --root $1/storage --runroot $1/run --storage-driver overlay"
            # Unmount and delete buildah's storage here, inside the user namespace that owns its files.
            trap '$B rm --all >/dev/null 2>&1; rm -rf $1/storage $1/run' EXIT
            c=$($B from scratch); m=$($B mount $c)
            mkdir -p $m/etc $m/data/keep $m/data/gone/deep $m/opq/sub $m/modes $m/replace
            echo hello > $m/etc/a; echo x > $m/data/gone/deep/x; echo y > $m/opq/sub/y; echo z > $m/opq/z
            ln $m/etc/a $m/etc/a-hard
            ln -s ../etc/a $m/data/link; ln -s /nonexistent/target $m/data/dangling
            touch $m/modes/empty
            printf 'suid' > $m/modes/suid; chmod 4755 $m/modes/suid
            printf 'sgid' > $m/modes/sgid; chmod 6711 $m/modes/sgid
            printf 'none' > $m/modes/none; chmod 0000 $m/modes/none
            printf 'private' > $m/modes/private; chmod 0600 $m/modes/private
            mkdir $m/modes/sticky; chmod 1777 $m/modes/sticky
            mkdir $m/modes/ro; echo inside > $m/modes/ro/file; chmod 0555 $m/modes/ro
            mkdir $m/modes/setgid-dir; chmod 2775 $m/modes/setgid-dir
            long=$m/data/$(printf 'l%.0s' $(seq 1 150)); echo long > $long
            echo file > $m/replace/file-then-dir; mkdir $m/replace/dir-then-file; ln -s a $m/replace/link-then-file
            echo unicode > "$m/data/grüße ✓"
            $B commit -q $c layer1 >/dev/null
            c=$($B from layer1); m=$($B mount $c)
            rm -rf $m/data/gone $m/opq $m/etc/a-hard
            mkdir -p $m/opq; echo new > $m/opq/new
            chmod 2711 $m/etc
            rm $m/replace/file-then-dir; mkdir $m/replace/file-then-dir; echo in > $m/replace/file-then-dir/in
            rm -r $m/replace/dir-then-file; echo now-a-file > $m/replace/dir-then-file
            rm $m/replace/link-then-file; echo now-a-file > $m/replace/link-then-file
            echo changed >> $m/etc/a
            $B commit -q $c layer2 >/dev/null
            c=$($B from layer2); m=$($B mount $c)
            ln $m/modes/suid $m/modes/suid-hard
            rm $m/data/link; ln -s ../opq/new $m/data/link
            rm -rf $m/opq; mkdir $m/opq; echo newest > $m/opq/newest
            $B commit -q $c layer3 >/dev/null
            $B push -q layer3 oci:$1/layout:layer3
            """;

    @Test
    void sameTreeAsUmoci() throws Exception {
        HostTools.require("buildah");
        HostTools.require("umoci");
        HostTools.require("skopeo");
        Path script = Files.writeString(dir.resolve("build.sh"), BUILD);
        // Rootless buildah mounts inside its user namespace (buildah unshare); root needs none.
        List<String> build = HostTools.uid() == 0
                ? List.of("bash", script.toString(), dir.toString())
                : List.of("buildah", "unshare", "bash", script.toString(), dir.toString());
        HostTools.Output built = HostTools.run(dir, build);
        org.junit.jupiter.api.Assumptions.assumeFalse(built.exitCode() != 0 && built.out().contains("newuidmap"),
                "skipped: rootless buildah cannot map ids here (no /etc/subuid range?): " + built.out());
        assertEquals(0, built.exitCode(), built.out());

        HostTools.runOk(dir, "umoci", "unpack", "--rootless", "--image", dir.resolve("layout") + ":layer3",
                dir.resolve("bundle").toString());

        Foxbox foxbox = new Foxbox(dir.resolve("root"));
        foxbox.run("images").ok();
        HostTools.runOk(dir, "skopeo", "copy", "oci:" + dir.resolve("layout") + ":layer3",
                "oci:" + foxbox.root().resolve("store") + ":interop:layer3");
        assertTrue(foxbox.run("images").ok().out().contains("docker.io/library/interop"));
        foxbox.run("image", "unpack", "interop:layer3", dir.resolve("foxbox-rootfs").toString()).ok();

        Map<String, String> umoci = describe(dir.resolve("bundle/rootfs"));
        Map<String, String> ours = describe(dir.resolve("foxbox-rootfs"));
        assertTrue(umoci.containsKey("opq/newest") && umoci.containsKey("modes/suid-hard"), "umoci tree: " + umoci.keySet());
        assertEquals(umoci, ours);
        assertEquals(hardlinkGroups(dir.resolve("bundle/rootfs")), hardlinkGroups(dir.resolve("foxbox-rootfs")));
    }

    /** path → type, mode, link target or content; ownership is left out (both run rootless). */
    static Map<String, String> describe(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (!d.equals(root)) {
                    out.put(name(d), "dir " + mode(d));
                }
                makeReadable(d);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                if (attrs.isSymbolicLink()) {
                    out.put(name(f), "symlink -> " + Files.readSymbolicLink(f));
                } else if (attrs.isRegularFile()) {
                    int mode = mode(f);
                    String content;
                    if ((mode & 0400) == 0) {
                        content = "(unreadable, " + attrs.size() + " bytes)";
                    } else {
                        content = new String(Files.readAllBytes(f));
                    }
                    out.put(name(f), "file " + Integer.toOctalString(mode) + " " + content.strip());
                } else {
                    out.put(name(f), "other " + mode(f));
                }
                return FileVisitResult.CONTINUE;
            }

            private String name(Path p) {
                return root.relativize(p).toString();
            }
        });
        return out;
    }

    /** Sets of paths that share an inode, sorted: the hardlinks the layers made. */
    static List<List<String>> hardlinkGroups(Path root) throws IOException {
        Map<Object, List<String>> byInode = new HashMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    byInode.computeIfAbsent(attrs.fileKey(), k -> new ArrayList<>()).add(root.relativize(f).toString());
                }
                return FileVisitResult.CONTINUE;
            }
        });
        List<List<String>> groups = new ArrayList<>();
        for (List<String> g : byInode.values()) {
            if (g.size() > 1) {
                g.sort(null);
                groups.add(g);
            }
        }
        groups.sort((a, b) -> a.get(0).compareTo(b.get(0)));
        return groups;
    }

    static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    private static void makeReadable(Path d) throws IOException {
        int mode = mode(d);
        if ((mode & 0500) != 0500) {
            Files.setAttribute(d, "unix:mode", mode | 0700, LinkOption.NOFOLLOW_LINKS);
        }
    }
}
