package dev.foxbox.runtime.box;

import dev.foxbox.image.DataRoot;
import dev.foxbox.image.FileTrees;
import dev.foxbox.image.store.ThisProcess;
import dev.foxbox.runtime.helper.BoxStartException;
import dev.foxbox.runtime.helper.HelperPlan;
import dev.foxbox.runtime.helper.HelperProcess;
import dev.foxbox.runtime.helper.Step;
import dev.foxbox.runtime.ids.IdMapping;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** What this kernel lets boxes use, found out once and remembered under the data root. */
final class Features {

    private Features() {}

    /**
     * Whether overlayfs mounts inside a user namespace (kernel 5.11+ with "userxattr"): then a box
     * gets its own writable view of the image without a copy. Probed once by mounting one.
     */
    static boolean overlay(DataRoot root, Path helper, IdMapping ids) throws IOException {
        Path answer = root.dir().resolve("features").resolve("overlay-in-userns");
        if (Files.exists(answer)) {
            return Files.readString(answer).strip().equals("yes");
        }
        Path probe = Files.createDirectories(root.tmp()).resolve("overlay-probe-" + ThisProcess.pid());
        boolean works;
        try {
            for (String d : List.of("lower", "upper", "work", "merged")) {
                Files.createDirectories(probe.resolve(d));
            }
            String data = "lowerdir=" + BoxPlanner.escape(probe.resolve("lower")) + ",upperdir="
                    + BoxPlanner.escape(probe.resolve("upper")) + ",workdir=" + BoxPlanner.escape(probe.resolve("work"))
                    + ",userxattr";
            HelperPlan plan = new HelperPlan(Set.of(HelperPlan.Namespace.USER, HelperPlan.Namespace.MOUNT), ids,
                    probe.resolve("error"), null, false, false, false,
                    List.of(new Step.Rootfs("overlay", probe.resolve("merged"), "overlay", "", data),
                            new Step.Env(List.of()), new Step.Exec(List.of("/bin/true"))));
            ProcessBuilder quiet = new ProcessBuilder().redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            works = HelperProcess.start(helper, plan, probe.resolve("plan"), quiet).waitFor() == 0;
        } catch (BoxStartException e) {
            works = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            FileTrees.deleteRecursively(probe, false);
        }
        Files.createDirectories(answer.getParent());
        Files.writeString(answer, works ? "yes\n" : "no\n");
        return works;
    }

    /** Whether the host is on the unified cgroup v2 hierarchy, which a box can mount read-only. */
    static boolean hostCgroup2() {
        return Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"));
    }
}
