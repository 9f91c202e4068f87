package dev.foxbox.runtime.box;

import dev.foxbox.image.DataRoot;
import dev.foxbox.image.model.ContainerConfig;
import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.Digest;
import dev.foxbox.image.model.MediaType;
import dev.foxbox.image.store.StoredImage;
import dev.foxbox.runtime.helper.HelperPlan;
import dev.foxbox.runtime.helper.HelperProcess;
import dev.foxbox.runtime.helper.Step;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a build needs from the runtime: a RUN step run in a box over a stack of layer
 * directories (the image's root, then each earlier step's changes), that step's changes made a
 * layer, and COPY's files put in place and owned as the box's users. Work on files that belong to
 * the box's users happens inside a user namespace with the boxes' id maps.
 */
public final class StepRunner implements AutoCloseable {

    /**
     * One RUN step.
     *
     * @param lowers the root's layers, topmost first: earlier steps' directories, then the image's root
     * @param dir    a fresh directory for the step's own changes ({@code dir/upper}) and scratch
     * @param config the environment, working directory and user
     * @param argv   the command
     * @param binds  host files bound read-only into the box (a heredoc script), path in the box to host path
     */
    public record RunSpec(List<Path> lowers, Path dir, ContainerConfig config, List<String> argv, BoxSpec.Network network,
                          String hostname, Map<String, Path> binds) {}

    /** A layer written to the store: its descriptor (gzip) and its uncompressed digest. */
    public record Layer(Descriptor descriptor, Digest diffId) {}

    /** Paths a box's mounts need in its root: made in the step's upper directory when the image lacks them. */
    private static final List<String> MOUNT_POINTS = List.of("/etc/hosts", "/etc/hostname", "/etc/resolv.conf", "/etc",
            "/proc", "/sys", "/dev");

    private final DataRoot root;
    private final Boxes boxes;
    private LayerWorker worker;

    StepRunner(DataRoot root, Boxes boxes) {
        this.root = root;
        this.boxes = boxes;
    }

    /**
     * Runs the step's command, its standard input empty and its output and errors copied to
     * {@code output} as they come; returns its exit status.
     */
    public int run(RunSpec step, OutputStream output) throws IOException, InterruptedException {
        Boxes.Runtime rt = requireOverlay();
        BoxDirs dirs = new BoxDirs(step.dir());
        Files.createDirectories(dirs.upper());
        Files.createDirectories(dirs.work());
        Files.createDirectories(dirs.rootfs());
        Files.writeString(dirs.hosts(), BoxNetwork.hostsFile(step.network(), step.hostname()), StandardCharsets.UTF_8);
        Files.writeString(dirs.hostname(), step.hostname() + "\n", StandardCharsets.UTF_8);
        Files.writeString(dirs.resolvConf(), BoxNetwork.resolvConf(step.network()), StandardCharsets.UTF_8);
        BoxSpec spec = new BoxSpec("build", step.argv(), List.of(), List.of(), null, null, null, step.hostname(),
                step.network(), false, false, false, false, Set.of(), Set.of(), false, false,
                BoxSpec.Seccomp.DEFAULT, null, List.of(), false, false, false, BoxSpec.Publishing.NONE, List.of(),
                BoxSpec.Resources.NONE);
        HelperPlan.Slirp slirp = null;
        if (step.network() == BoxSpec.Network.SLIRP4NETNS) {
            String missing = BoxNetwork.slirpMissing();
            if (missing != null) {
                throw new IllegalStateException("--network slirp4netns: " + missing);
            }
            slirp = new HelperPlan.Slirp(BoxNetwork.SLIRP4NETNS, BoxNetwork.apiSocket(BoxNames.newId()), BoxNetwork.MTU,
                    false, List.of());
        }
        List<Step> binds = new ArrayList<>();
        step.binds().forEach((target, host) -> binds.add(new Step.Bind(host, target, "ro")));
        BoxPlanner.SeccompChoice seccomp = Seccomp.choose(spec, BoxPlanner.capabilities(spec),
                root.dir().resolve("cache").resolve("seccomp"));
        BoxPlanner.Inputs inputs = new BoxPlanner.Inputs(spec, step.config(), step.lowers(), dirs, rt.ids(),
                step.hostname(), true, Features.hostCgroup2(), seccomp, binds, slirp, null);
        HelperPlan plan = new BoxPlanner().plan(inputs, null).plan();
        ProcessBuilder stdio = new ProcessBuilder().redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        HelperProcess helper = HelperProcess.start(rt.helper(), plan, dirs.plan(), stdio);
        try (InputStream out = helper.process().getInputStream()) {
            byte[] buffer = new byte[8192];
            for (int n; (n = out.read(buffer)) > 0; ) {
                output.write(buffer, 0, n);
                output.flush();
            }
        }
        return helper.waitFor();
    }

    /**
     * A RUN step's changes (its overlay upper directory) as a layer in the store, without the
     * mount points the box had to make because the image lacked them.
     */
    public Layer diff(Path stepDir, List<Path> lowers) throws IOException {
        List<String> request = new ArrayList<>(List.of("diff", new BoxDirs(stepDir).upper().toString()));
        for (String path : MOUNT_POINTS) {
            Path lower = lowers.stream().map(l -> l.resolve(path.substring(1)))
                    .filter(p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS)).findFirst().orElse(null);
            request.add(path + "=" + (lower == null ? "" : lower));
        }
        return layer(worker().request(request));
    }

    /** Carries out a COPY or ADD over the job's layers; its changes ({@code dir/upper}) become a layer. */
    public Layer copy(CopyJob job) throws IOException {
        requireOverlay();
        Path dir = job.dir();
        BoxDirs dirs = new BoxDirs(dir);
        Path merged = Files.createDirectories(dir.resolve("merged"));
        Files.createDirectories(dirs.upper());
        Files.createDirectories(dirs.work());
        List<String> request = new ArrayList<>(List.of("copy", dir.resolve("copy.job").toString(), dir.toString()));
        request.addAll(List.of(merged.toString(), "overlay", "", "lowerdir=" + lowerdir(job.lowers())
                + ",upperdir=" + BoxPlanner.escape(dirs.upper()) + ",workdir=" + BoxPlanner.escape(dirs.work()) + ",userxattr"));
        if (!job.fromLowers().isEmpty()) {
            Path from = Files.createDirectories(dir.resolve("from"));
            // A read-only overlay needs two layers at least; a single one is simply bound.
            if (job.fromLowers().size() == 1) {
                request.addAll(List.of(from.toString(), "bind", "", job.fromLowers().get(0).toString()));
            } else {
                request.addAll(List.of(from.toString(), "overlay", "ro", "lowerdir=" + lowerdir(job.fromLowers()) + ",userxattr"));
            }
        }
        job.write(dir.resolve("copy.job"));
        return layer(worker().request(request));
    }

    /**
     * Starts the layer worker if it is not running: its JVM boots while a RUN step's box runs.
     * The first step that misses the cache calls this.
     */
    public void warmUp() throws IOException {
        worker();
    }

    /** Stops the layer worker. */
    @Override
    public void close() {
        if (worker != null) {
            worker.close();
            worker = null;
        }
    }

    private LayerWorker worker() throws IOException {
        if (worker == null) {
            worker = LayerWorker.start(boxes.runtime().unshare(), root);
        }
        return worker;
    }

    /** The image's root file system, flattened once and shared with its boxes. */
    public Path imageRoot(StoredImage image) throws IOException {
        Boxes.Runtime rt = boxes.runtime();
        return new ImageRoots(root, rt.files()).rootOf(image);
    }

    /** The uid and gid a {@code --chown} or USER value names, looked up in the layers' /etc/passwd and /etc/group. */
    public long[] owner(String user, List<Path> lowers) throws IOException {
        BoxUser resolved = BoxUser.resolve(user, BoxPlanner.etcOf(lowers));
        return new long[] {resolved.uid(), resolved.gid()};
    }

    /** Removes a directory of layers or steps, whoever of the box's users owns its files. */
    public void remove(Path dir) throws IOException {
        boxes.runtime().files().remove(dir);
    }

    private Boxes.Runtime requireOverlay() throws IOException {
        Boxes.Runtime rt = boxes.runtime();
        if (!Features.overlay(root, rt.helper(), rt.ids())) {
            throw new IllegalStateException("building needs overlayfs in a user namespace (Linux 5.11 or later)");
        }
        return rt;
    }

    private static String lowerdir(List<Path> lowers) {
        return String.join(":", lowers.stream().map(BoxPlanner::escape).toList());
    }

    private static Layer layer(List<String> answer) throws IOException {
        if (answer.size() != 3) {
            throw new IOException("unexpected answer from the layer worker: " + answer);
        }
        return new Layer(new Descriptor(MediaType.OCI_LAYER_GZIP, Digest.parse(answer.get(0)), Long.parseLong(answer.get(1))),
                Digest.parse(answer.get(2)));
    }

}
