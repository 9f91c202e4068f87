package dev.foxbox.runtime.box;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cgroup file protocol against a fake cgroupfs tree (plain files where the kernel has its
 * interface files): which cgroup, which files, which values, and cleanup. A real-kernel test
 * runs where cgroup v2 controllers are delegated.
 */
class CgroupsTest {

    static final String ID = "0123456789abcdef".repeat(4);

    @TempDir
    Path fs;

    /** A delegated user@1000.service with the given controllers, and this process in it. */
    Cgroups rootless(String controllers) throws Exception {
        Path service = Files.createDirectories(fs.resolve("user.slice/user-1000.slice/user@1000.service/app.slice/term.scope"))
                .getParent().getParent();
        Files.writeString(fs.resolve("cgroup.controllers"), "cpuset cpu io memory hugetlb pids rdma misc\n");
        Files.writeString(service.resolve("cgroup.controllers"), controllers + "\n");
        Files.writeString(service.resolve("cgroup.subtree_control"), "");
        Path self = Files.writeString(fs.resolve("self-cgroup"), "0::/user.slice/user-1000.slice/user@1000.service/app.slice/term.scope\n");
        return new Cgroups(fs, self, 1000);
    }

    @Test
    void noLimitsNoCgroup() throws Exception {
        assertNull(rootless("cpu memory pids").create(ID, BoxSpec.Resources.NONE));
    }

    @Test
    void limitsAreWrittenUnderTheUsersDelegatedService() throws Exception {
        Cgroups cgroups = rootless("cpu memory pids");
        // The fake tree has no files the kernel would make in a new cgroup: the protocol writes them.
        BoxSpec.Resources r = new BoxSpec.Resources(512L << 20, 1024L << 20, 1.5, 512, 100);
        Path dir = cgroups.create(ID, r);
        Path service = fs.resolve("user.slice/user-1000.slice/user@1000.service");
        assertEquals(service.resolve("foxbox.slice/foxbox-" + ID.substring(0, 12)), dir);
        assertEquals("536870912", Files.readString(dir.resolve("memory.max")));
        assertEquals("536870912", Files.readString(dir.resolve("memory.swap.max")));
        assertEquals("150000 100000", Files.readString(dir.resolve("cpu.max")));
        assertEquals(Long.toString(1 + (510L * 9999) / 262142), Files.readString(dir.resolve("cpu.weight")));
        assertEquals("100", Files.readString(dir.resolve("pids.max")));
        // Controllers are enabled for the children of the delegated cgroup and of foxbox.slice.
        assertTrue(Files.readString(service.resolve("cgroup.subtree_control")).contains("+"));
        assertTrue(Files.exists(service.resolve("foxbox.slice/cgroup.subtree_control")));
    }

    @Test
    void unlimitedSwapAndPids() throws Exception {
        Path dir = rootless("memory pids").create(ID, new BoxSpec.Resources(64L << 20, -1, 0, 0, -1));
        assertEquals("max", Files.readString(dir.resolve("memory.swap.max")));
        assertEquals("max", Files.readString(dir.resolve("pids.max")));
        assertFalse(Files.exists(dir.resolve("cpu.max")));
    }

    @Test
    void aControllerThatIsNotDelegatedIsRefusedSayingWhatIsMissing() throws Exception {
        Cgroups cgroups = rootless("memory pids");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> cgroups.create(ID, new BoxSpec.Resources(0, 0, 2, 0, 0)));
        assertTrue(e.getMessage().contains("cannot enforce the cpu limit") && e.getMessage().contains("cpu controller is not delegated")
                && e.getMessage().contains("Delegate=cpu memory pids"), e.getMessage());
    }

    @Test
    void aHostWithoutTheUnifiedHierarchyIsRefused() throws Exception {
        Files.createDirectories(fs.resolve("unified"));
        Cgroups cgroups = new Cgroups(fs, fs.resolve("none"), 1000);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> cgroups.create(ID, new BoxSpec.Resources(1 << 20, 0, 0, 0, 0)));
        assertTrue(e.getMessage().contains("cgroup v1, hybrid") && e.getMessage().contains("systemd.unified_cgroup_hierarchy=1"),
                e.getMessage());
    }

    @Test
    void rootUsesFoxboxUnderTheRoot() throws Exception {
        Files.writeString(fs.resolve("cgroup.controllers"), "cpu memory pids\n");
        Files.writeString(fs.resolve("cgroup.subtree_control"), "cpu memory pids\n");
        Path dir = new Cgroups(fs, fs.resolve("none"), 0).create(ID, new BoxSpec.Resources(0, 0, 0, 0, 10));
        assertEquals(fs.resolve("foxbox/foxbox-" + ID.substring(0, 12)), dir);
    }

    @Test
    void removeLeavesNothingAndToleratesAbsence() throws Exception {
        Path dir = Files.createDirectories(fs.resolve("x"));
        Cgroups.remove(dir);
        assertFalse(Files.exists(dir));
        Cgroups.remove(dir);
    }

    @Test
    void realKernelLimits() throws Exception {
        Path real = Path.of("/sys/fs/cgroup");
        Assumptions.assumeTrue(Files.exists(real.resolve("cgroup.controllers")),
                "skipped: this host has no unified cgroup v2 hierarchy (hybrid or v1), so limits cannot be enforced here");
        long uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        Cgroups cgroups = Cgroups.system(uid);
        Path dir;
        try {
            dir = cgroups.create(ID, new BoxSpec.Resources(64L << 20, 0, 0.5, 0, 50));
        } catch (IllegalStateException notDelegated) {
            Assumptions.abort("skipped: " + notDelegated.getMessage());
            return;
        }
        try {
            assertEquals("67108864", Files.readString(dir.resolve("memory.max")).strip());
            assertEquals("50000 100000", Files.readString(dir.resolve("cpu.max")).strip());
            assertEquals("50", Files.readString(dir.resolve("pids.max")).strip());
        } finally {
            Cgroups.remove(dir);
        }
    }
}
