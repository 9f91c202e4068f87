package dev.foxbox.build.builder;

import dev.foxbox.build.context.ContextEntry;
import dev.foxbox.build.context.ContextException;
import dev.foxbox.build.context.ContextSource;
import dev.foxbox.build.expand.Expansion;
import dev.foxbox.build.expand.Scope;
import dev.foxbox.build.foxfile.Add;
import dev.foxbox.build.foxfile.Arg;
import dev.foxbox.build.foxfile.Cmd;
import dev.foxbox.build.foxfile.Command;
import dev.foxbox.build.foxfile.Copy;
import dev.foxbox.build.foxfile.Entrypoint;
import dev.foxbox.build.foxfile.Env;
import dev.foxbox.build.foxfile.Expose;
import dev.foxbox.build.foxfile.FoxfileDump;
import dev.foxbox.build.foxfile.FoxfileException;
import dev.foxbox.build.foxfile.From;
import dev.foxbox.build.foxfile.Healthcheck;
import dev.foxbox.build.foxfile.Heredoc;
import dev.foxbox.build.foxfile.Instruction;
import dev.foxbox.build.foxfile.Label;
import dev.foxbox.build.foxfile.Maintainer;
import dev.foxbox.build.foxfile.OnBuild;
import dev.foxbox.build.foxfile.Run;
import dev.foxbox.build.foxfile.Shell;
import dev.foxbox.build.foxfile.SourceLocation;
import dev.foxbox.build.foxfile.Stage;
import dev.foxbox.build.foxfile.StopSignal;
import dev.foxbox.build.foxfile.User;
import dev.foxbox.build.foxfile.Volume;
import dev.foxbox.build.foxfile.Workdir;
import dev.foxbox.build.parse.FoxfileReader;
import dev.foxbox.image.model.ContainerConfig;
import dev.foxbox.image.model.Descriptor;
import dev.foxbox.image.model.ImageConfig;
import dev.foxbox.image.model.Platform;
import dev.foxbox.image.store.StoredImage;
import dev.foxbox.runtime.box.BoxSpec;
import dev.foxbox.runtime.box.CopyJob;
import dev.foxbox.runtime.box.StepRunner;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds one stage: its base (an image, an earlier stage or scratch), the base's ONBUILD
 * triggers, then each instruction. RUN, COPY and ADD make a layer each, from the build cache
 * when their key is there; the other instructions change only the config and the history.
 */
final class StageBuilder {

    private static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

    private final BuildRun build;
    private String key;
    private ImageConfig config;
    private List<Descriptor> layers;
    private List<Path> lowers;
    private Scope scope;
    /** Whether this stage set CMD: an ENTRYPOINT clears only an inherited one. */
    private boolean cmdSet;
    /** Whether every layer so far came from the cache. */
    private boolean allCached = true;

    StageBuilder(BuildRun build) {
        this.build = build;
    }

    StageResult build(Stage stage) throws IOException, InterruptedException {
        From from = (From) Expansion.apply(stage.from(), build.global);
        build.step(from.location().text());
        base(from);
        scope = build.global.stage(config.config().env());
        List<String> triggers = config.config().onBuild();
        if (!triggers.isEmpty()) {
            config = config.withConfig(config.config().withOnBuild(List.of()));
            for (String trigger : triggers) {
                for (Instruction i : FoxfileReader.parseInstructions(from.image() + " ONBUILD", trigger)) {
                    build.output.trigger(i.location().text());
                    execute(i, "ONBUILD " + i.keyword());
                }
            }
        }
        for (Instruction raw : stage.instructions()) {
            String step = build.step(raw.location().text());
            execute(raw, step);
        }
        return new StageResult(key, config, layers, lowers);
    }

    // ---- FROM --------------------------------------------------------------------------------

    private void base(From from) throws IOException {
        String name = from.image();
        Platform host = Platform.host();
        StageResult stage = earlierStage(name, from.location());
        if (stage != null) {
            key = stage.key();
            config = stage.config();
            layers = stage.layers();
            lowers = stage.lowers();
        } else if (name.equalsIgnoreCase("scratch")) {
            key = StepKeys.of("scratch", host.toString());
            config = new ImageConfig(null, null, host.architecture(), host.os(), host.variant(), null,
                    ContainerConfig.EMPTY.withEnv(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")),
                    null, List.of());
            layers = List.of();
            lowers = List.of(build.cache.empty());
        } else {
            StoredImage image = resolve(name, from.location());
            key = StepKeys.of("image", image.id().toString());
            config = image.config();
            layers = image.manifest().layers();
            lowers = List.of(build.steps.imageRoot(image));
        }
    }

    private StageResult earlierStage(String name, SourceLocation at) {
        for (var entry : build.foxfile.stages()) {
            if (entry.name() != null && entry.name().equals(name.toLowerCase(Locale.ROOT))) {
                StageResult built = build.stages.get(entry.index());
                if (built == null) {
                    throw FoxfileException.at(at, "stage '" + name + "' is used before it is built");
                }
                return built;
            }
        }
        return null;
    }

    private StoredImage resolve(String name, SourceLocation at) throws IOException {
        try {
            return build.bases.resolve(name, build.request.pull());
        } catch (IOException | RuntimeException e) {
            throw new BuildFailedException(at, "cannot get image " + name, String.valueOf(e.getMessage()));
        }
    }

    // ---- every instruction ---------------------------------------------------------------------

    private void execute(Instruction raw, String step) throws IOException, InterruptedException {
        Instruction i = Expansion.apply(raw, scope);
        long start = System.nanoTime();
        boolean cached;
        if (i instanceof Run run) {
            cached = run(run, step);
        } else if (i instanceof Copy copy) {
            cached = copy(copy, copy.sources(), copy.heredocs(), copy.destination(), copy.from(), copy.chown(),
                    copy.chmod(), false, step);
        } else if (i instanceof Add add) {
            cached = copy(add, add.sources(), add.heredocs(), add.destination(), null, add.chown(), add.chmod(), true,
                    step);
        } else {
            scope = scope.with(i);
            metadata(i);
            key = StepKeys.of(key, FoxfileDump.fields(i));
            cached = allCached;
        }
        if (cached) {
            build.output.cached();
        } else {
            build.output.done(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    // ---- metadata ------------------------------------------------------------------------------

    private void metadata(Instruction i) {
        ContainerConfig c = config.config();
        String author = config.author();
        if (i instanceof Env) {
            c = c.withEnv(scope.imageEnv());
        } else if (i instanceof Label label) {
            Map<String, String> labels = new LinkedHashMap<>(c.labels());
            label.labels().forEach(e -> labels.put(e.getKey(), e.getValue()));
            c = c.withLabels(labels);
        } else if (i instanceof Expose expose) {
            Set<String> ports = new LinkedHashSet<>(c.exposedPorts());
            for (String port : expose.ports()) {
                ports.add(port.contains("/") ? port.toLowerCase(Locale.ROOT) : port + "/tcp");
            }
            c = c.withExposedPorts(ports);
        } else if (i instanceof Workdir w) {
            c = c.withWorkingDir(absolute(w.path(), c.workingDir()));
        } else if (i instanceof User u) {
            c = c.withUser(u.user());
        } else if (i instanceof Cmd cmd) {
            c = c.withCmd(cmd.command().argv(shell(c)));
            cmdSet = true;
        } else if (i instanceof Entrypoint e) {
            c = c.withEntrypoint(e.command().argv(shell(c)));
            if (!cmdSet) {
                c = c.withCmd(null);
            }
        } else if (i instanceof Volume v) {
            Set<String> volumes = new LinkedHashSet<>(c.volumes());
            volumes.addAll(v.paths());
            c = c.withVolumes(volumes);
        } else if (i instanceof Shell s) {
            c = c.withShell(s.shell());
        } else if (i instanceof StopSignal s) {
            c = c.withStopSignal(s.signal());
        } else if (i instanceof Healthcheck h) {
            c = c.withHealthcheck(h.toConfig());
        } else if (i instanceof OnBuild o) {
            List<String> triggers = new ArrayList<>(c.onBuild());
            triggers.add(o.expression());
            c = c.withOnBuild(triggers);
        } else if (i instanceof Maintainer m) {
            author = m.name();
        }
        ImageConfig next = new ImageConfig(config.created(), author, config.architecture(), config.os(), config.variant(),
                config.osVersion(), c, config.rootfs(), config.history());
        if (i instanceof Arg) {
            config = next; // ARGs never reach the image, nor its history
            return;
        }
        config = next.withHistory(new ImageConfig.History(build.created, i.location().text(), null, null, true));
    }

    private static List<String> shell(ContainerConfig c) {
        return c.shell() != null ? c.shell() : DEFAULT_SHELL;
    }

    /** {@code path} made absolute against {@code base} (default /), with {@code .} and {@code ..} resolved. */
    static String absolute(String path, String base) {
        String joined = path.startsWith("/") ? path : (base == null ? "/" : base) + "/" + path;
        List<String> parts = new ArrayList<>();
        for (String part : joined.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
                continue;
            }
            parts.add(part);
        }
        return "/" + String.join("/", parts);
    }

    // ---- RUN -----------------------------------------------------------------------------------

    private boolean run(Run run, String step) throws IOException, InterruptedException {
        SourceLocation at = run.location();
        if (!run.mounts().isEmpty()) {
            throw FoxfileException.at(at, "RUN --mount is not supported by foxbox yet");
        }
        if (run.security() != null && !run.security().equals("sandbox")) {
            throw FoxfileException.at(at, "RUN --security=" + run.security() + " is not supported: steps always run sandboxed");
        }
        BoxSpec.Network network = network(run.network(), at);
        ContainerConfig c = config.config();
        List<String> environment = scope.environment();
        String next = StepKeys.of(key, FoxfileDump.fields(run), String.join("\n", environment));
        scope = scope.with(run);
        BuildCache.Entry hit = build.request.noCache() ? null : build.cache.lookup(next, build.blobs);
        if (hit != null) {
            addLayer(next, hit, run.location().text(), true);
            return true;
        }
        Path work = build.cache.newWork();
        try {
            Map<String, Path> binds = new LinkedHashMap<>();
            List<String> argv = argv(run, shell(c), work, binds);
            StepRunner.RunSpec spec = new StepRunner.RunSpec(lowers, work, c.withEnv(environment), argv, network,
                    hostname(), binds);
            OutputStream output = build.output.runOutput();
            int status;
            try {
                build.steps.warmUp(); // the layer worker's JVM boots while the box runs
                status = build.steps.run(spec, output);
            } catch (IOException | RuntimeException e) {
                throw new BuildFailedException(at, step + ": " + at.text(), String.valueOf(e.getMessage()));
            }
            if (status != 0) {
                build.output.failed(output);
                throw new BuildFailedException(at, step + ": " + at.text(), "exit code " + status);
            }
            StepRunner.Layer layer = build.steps.diff(work, lowers);
            addLayer(next, build.cache.store(next, layer, work.resolve("upper"), build.created), at.text(), false);
        } finally {
            build.steps.remove(work);
        }
        return false;
    }

    /**
     * What a RUN runs: an exec form as written; a shell form by the SHELL; a lone heredoc as the
     * script itself (by its {@code #!} interpreter when it has one, bound into the box).
     */
    private static List<String> argv(Run run, List<String> shell, Path work, Map<String, Path> binds) throws IOException {
        if (run.command() instanceof Command.Exec exec) {
            return exec.args();
        }
        String script = ((Command.Shell) run.command()).script();
        if (run.heredocs().isEmpty()) {
            return run.command().argv(shell);
        }
        Heredoc first = run.heredocs().get(0);
        if (run.heredocs().size() == 1 && script.strip().matches("<<-?[\"']?" + java.util.regex.Pattern.quote(first.name()) + "[\"']?")) {
            String body = first.content();
            if (body.startsWith("#!")) {
                Path file = work.resolve("heredoc");
                Files.writeString(file, body, StandardCharsets.UTF_8);
                binds.put("/dev/.foxbox-heredoc", file);
                List<String> argv = new ArrayList<>(List.of(body.substring(2, body.indexOf('\n') < 0 ? body.length()
                        : body.indexOf('\n')).strip().split("\\s+", 2)));
                argv.add("/dev/.foxbox-heredoc");
                return argv;
            }
            List<String> argv = new ArrayList<>(shell);
            argv.add(body);
            return argv;
        }
        // the command line and its heredocs, as the shell would read them from a script
        StringBuilder text = new StringBuilder(script).append('\n');
        for (Heredoc h : run.heredocs()) {
            text.append(h.content()).append(h.name()).append('\n');
        }
        List<String> argv = new ArrayList<>(shell);
        argv.add(text.toString());
        return argv;
    }

    private BoxSpec.Network network(String flag, SourceLocation at) {
        if (flag == null || flag.equals("default")) {
            return build.request.network();
        }
        return switch (flag) {
            case "none" -> BoxSpec.Network.NONE;
            case "host" -> BoxSpec.Network.HOST;
            default -> throw FoxfileException.at(at, "RUN --network=" + flag + ": expected default, none or host");
        };
    }

    private static String hostname() {
        byte[] random = new byte[6];
        new java.security.SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private void addLayer(String next, BuildCache.Entry entry, String createdBy, boolean fromCache) {
        List<Descriptor> all = new ArrayList<>(layers);
        all.add(entry.layer().descriptor());
        layers = all;
        List<Path> stack = new ArrayList<>();
        stack.add(entry.dir());
        stack.addAll(lowers);
        lowers = stack;
        config = config.withLayer(entry.layer().diffId(),
                new ImageConfig.History(entry.created(), createdBy, null, null, false));
        key = next;
        allCached &= fromCache;
    }

    // ---- COPY and ADD --------------------------------------------------------------------------

    private boolean copy(Instruction i, List<String> sources, List<Heredoc> heredocs, String destination, String from,
                         String chown, String chmod, boolean add, String step) throws IOException {
        SourceLocation at = i.location();
        String keyword = add ? "ADD" : "COPY";
        String dest = absolute(destination, config.config().workingDir());
        boolean intoDirectory = destination.endsWith("/") || destination.endsWith("/.") || destination.equals(".");
        CopyJob.Attributes attributes = attributes(chown, chmod, at, keyword);
        SourceDigest digest = new SourceDigest();
        digest.add(keyword + " " + dest + (intoDirectory ? "/" : "") + " " + attributes);

        List<Path> fromLowers = List.of();
        List<CopyJob.Op> ops = new ArrayList<>();
        Path work = build.cache.newWork();
        try {
            if (from != null) {
                StageResult stage = stageOrNull(from);
                if (stage != null) {
                    fromLowers = stage.lowers();
                    digest.add("stage " + stage.key());
                } else {
                    StoredImage image = resolve(from, at);
                    fromLowers = List.of(build.steps.imageRoot(image));
                    digest.add("image " + image.id());
                }
                if (sources.size() > 1 && !intoDirectory) {
                    throw FoxfileException.at(at, keyword + " with more than one source needs a destination directory ending in /");
                }
                for (String source : sources) {
                    digest.add("from " + source);
                    ops.add(new CopyJob.Copy(absolute(source, "/"), true, dest, intoDirectory, false, attributes));
                }
            } else {
                List<ContextSource> found = new ArrayList<>();
                for (String source : sources) {
                    if (add && source.matches("(?i)(https?|git)://.*|git@.*")) {
                        throw FoxfileException.at(at, "ADD from a URL is not supported by foxbox yet: " + source);
                    }
                    try {
                        found.addAll(build.context.resolve(source));
                    } catch (ContextException e) {
                        throw FoxfileException.at(at, keyword + ": " + e.getMessage());
                    }
                }
                if (found.size() + heredocs.size() > 1 && !intoDirectory) {
                    throw FoxfileException.at(at, keyword + " with more than one source needs a destination directory ending in /");
                }
                for (ContextSource source : found) {
                    digest.add(build.context, source);
                    if (add && !source.directory() && Archives.isTar(source.path())) {
                        ops.add(new CopyJob.Extract(source.path(), dest, attributes));
                    } else if (source.directory()) {
                        // entry by entry: what .foxignore leaves out stays out
                        ops.add(new CopyJob.Directory(dest, attributes));
                        for (ContextEntry entry : build.context.files(source)) {
                            ops.add(new CopyJob.Node(entry.file(), dest + "/" + entry.path(), attributes));
                        }
                    } else {
                        ops.add(new CopyJob.Copy(source.path().toString(), false, dest, intoDirectory, true, attributes));
                    }
                }
                int n = 0;
                for (Heredoc h : heredocs) {
                    Path file = Files.createDirectories(work.resolve("heredocs").resolve(Integer.toString(n++))).resolve(h.name());
                    Files.writeString(file, h.content(), StandardCharsets.UTF_8);
                    digest.add("heredoc " + h.name() + "\n" + h.content());
                    ops.add(new CopyJob.Copy(file.toString(), false, dest, intoDirectory, true, attributes));
                }
            }
            String next = StepKeys.of(key, FoxfileDump.fields(i), digest.hex());
            BuildCache.Entry hit = build.request.noCache() ? null : build.cache.lookup(next, build.blobs);
            if (hit != null) {
                addLayer(next, hit, at.text(), true);
                return true;
            }
            StepRunner.Layer layer;
            try {
                layer = build.steps.copy(new CopyJob(lowers, work, fromLowers, ops));
            } catch (IOException e) {
                throw new BuildFailedException(at, step + ": " + at.text(), String.valueOf(e.getMessage()));
            }
            addLayer(next, build.cache.store(next, layer, work.resolve("upper"), build.created), at.text(), false);
            return false;
        } finally {
            build.steps.remove(work);
        }
    }

    private StageResult stageOrNull(String from) {
        return build.foxfile.stage(from).map(s -> {
            StageResult built = build.stages.get(s.index());
            if (built == null) {
                throw new IllegalStateException("stage " + from + " is not built yet");
            }
            return built;
        }).orElse(null);
    }

    private CopyJob.Attributes attributes(String chown, String chmod, SourceLocation at, String keyword) throws IOException {
        long uid = -1;
        long gid = -1;
        if (chown != null) {
            try {
                long[] owner = build.steps.owner(chown, lowers);
                uid = owner[0];
                gid = owner[1];
            } catch (IOException | RuntimeException e) {
                throw FoxfileException.at(at, keyword + " --chown=" + chown + ": " + e.getMessage());
            }
        }
        int mode = -1;
        if (chmod != null) {
            if (!chmod.matches("[0-7]{3,4}")) {
                throw FoxfileException.at(at, keyword + " --chmod=" + chmod + ": expected an octal mode such as 755");
            }
            mode = Integer.parseInt(chmod, 8);
        }
        return new CopyJob.Attributes(uid, gid, mode);
    }
}
