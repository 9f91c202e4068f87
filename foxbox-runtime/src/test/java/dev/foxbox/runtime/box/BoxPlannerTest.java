package dev.foxbox.runtime.box;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foxbox.image.model.ContainerConfig;
import dev.foxbox.runtime.caps.Capability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoxPlannerTest {

    @TempDir
    Path root;

    static ContainerConfig image(List<String> entrypoint, List<String> cmd) {
        return ContainerConfig.EMPTY.withEntrypoint(entrypoint).withCmd(cmd);
    }

    static BoxSpec spec(List<String> command, List<String> entrypoint) {
        BoxSpec s = BoxSpec.of("img", command);
        return new BoxSpec(s.image(), command, entrypoint, List.of(), null, null, null, null, null, false, false, false,
                false, Set.of(), Set.of(), false, false, null, null, List.of(), false, false, false, null, null, null);
    }

    @Test
    void commandFollowsDockersRules() {
        ContainerConfig both = image(List.of("/entry"), List.of("default", "args"));
        assertEquals(List.of("/entry", "default", "args"), BoxPlanner.command(spec(List.of(), null), both));
        assertEquals(List.of("/entry", "mine"), BoxPlanner.command(spec(List.of("mine"), null), both));
        assertEquals(List.of("other"), BoxPlanner.command(spec(List.of(), List.of("other")), both));
        assertEquals(List.of("ls", "-l"), BoxPlanner.command(spec(List.of("ls", "-l"), List.of()), both));
        assertThrows(IllegalArgumentException.class, () -> BoxPlanner.command(spec(List.of(), null), image(null, null)));
    }

    @Test
    void capabilitySetsAsDocker() {
        BoxSpec s = BoxSpec.of("img", List.of());
        assertEquals(Capability.podmanDefaults(), BoxPlanner.capabilities(s));
        BoxSpec dropAll = new BoxSpec("img", List.of(), null, List.of(), null, null, null, null, null, false, false, false,
                false, Set.of("NET_ADMIN", "chown"), Set.of("ALL"), false, false, null, null, List.of(), false, false, false, null, null, null);
        assertEquals(Set.of(Capability.parse("CHOWN"), Capability.parse("NET_ADMIN")), BoxPlanner.capabilities(dropAll));
        assertEquals(0x800405fbL, BoxPlanner.mask(Capability.podmanDefaults()));
    }

    @Test
    void environmentLayersImageThenOptions() {
        ContainerConfig image = ContainerConfig.EMPTY.withEnv(List.of("PATH=/opt/bin", "A=image"));
        BoxSpec s = new BoxSpec("img", List.of(), null, List.of("A=option", "B=x=y"), null, null, null, null, null, true,
                false, false, false, Set.of(), Set.of(), false, false, null, null, List.of(), false, false, false, null, null, null);
        List<String> env = BoxPlanner.environment(s, image, "box", BoxUser.ROOT);
        assertEquals(List.of("PATH=/opt/bin", "A=option", "HOSTNAME=box", "TERM=xterm", "HOME=/root", "B=x=y"), env);
    }

    @Test
    void overlayOptionsAreEscaped() {
        assertEquals("/a\\,b\\:c", BoxPlanner.escape(Path.of("/a,b:c")));
    }

    @Test
    void usersResolveFromTheBoxsFilesNotTheHosts() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\nfox:x:1000:1000::/home/fox:/bin/sh\n");
        Files.writeString(root.resolve("etc/group"), "fox:x:1000:\nwheel:x:10:fox\n");
        assertEquals(new BoxUser(1000, 1000, List.of(10L), "/home/fox"), BoxUser.resolve("fox", root));
        assertEquals(new BoxUser(1000, 10, List.of(), "/home/fox"), BoxUser.resolve("fox:wheel", root));
        assertEquals(new BoxUser(42, 0, List.of(), "/"), BoxUser.resolve("42", root));
        assertEquals(0, BoxUser.resolve(null, root).uid());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BoxUser.resolve("nobody", root));
        assertTrue(e.getMessage().contains("unable to find user nobody"));
    }

    @Test
    void anImagesSymlinkToTheHostsPasswdStaysInTheBox() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("real"));
        Files.writeString(root.resolve("real/passwd"), "fox:x:1000:1000::/home/fox:/bin/sh\n");
        Files.createSymbolicLink(root.resolve("etc/passwd"), Path.of("/real/passwd"));
        assertEquals(1000, BoxUser.resolve("fox", root).uid());
        Files.delete(root.resolve("etc/passwd"));
        Files.createSymbolicLink(root.resolve("etc/passwd"), Path.of("../../../../../../etc/passwd"));
        // Resolved in the box, "../../.." stops at its root: the link names itself, a loop, never the host's file.
        java.io.IOException loop = assertThrows(java.io.IOException.class, () -> BoxUser.resolve("root", root));
        assertTrue(loop.getMessage().contains("too many symlinks"), loop.getMessage());
    }
}
