package dev.foxbox.build.builder;

import dev.foxbox.build.context.BuildContext;
import dev.foxbox.build.context.BuildFiles;
import dev.foxbox.build.expand.BuildArgs;
import dev.foxbox.build.expand.Expansion;
import dev.foxbox.build.expand.Scope;
import dev.foxbox.build.foxfile.Copy;
import dev.foxbox.build.foxfile.Foxfile;
import dev.foxbox.build.foxfile.From;
import dev.foxbox.build.foxfile.Instruction;
import dev.foxbox.build.foxfile.Stage;
import dev.foxbox.build.parse.FoxfileReader;
import dev.foxbox.image.LocalImages;
import dev.foxbox.image.SourceDateEpoch;
import dev.foxbox.image.model.ImageConfig;
import dev.foxbox.image.model.Platform;
import dev.foxbox.image.store.LockFile;
import dev.foxbox.image.store.StoredImage;
import dev.foxbox.runtime.box.StepRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code foxbox build}: reads the Foxfile, works out which stages the target needs, builds
 * them in order ({@link StageBuilder}) and stores the target stage as a tagged image.
 *
 * <pre>
 * Foxfile ─ FoxfileReader ─▶ stages ─ StageBuilder ─▶ layers + config ─ LocalImages.create ─▶ image
 *                                        │ RUN: a box over the layers so far (StepRunner.run, diff)
 *                                        │ COPY/ADD: files put into an overlay (StepRunner.copy)
 *                                        └ each layer kept in the BuildCache under its key
 * </pre>
 */
public final class Builder {

    private final LocalImages images;
    private final StepRunner steps;
    private final BaseImages bases;
    private final BuildOutput output;
    private final BuildCache cache;

    public Builder(LocalImages images, StepRunner steps, BaseImages bases, BuildOutput output) {
        this.images = images;
        this.steps = steps;
        this.bases = bases;
        this.output = output;
        this.cache = new BuildCache(images.root());
    }

    public StoredImage build(BuildRequest request) throws IOException, InterruptedException {
        Path file = BuildFiles.locate(request.context(), request.file());
        String name = request.file() != null ? request.file().toString() : file.getFileName().toString();
        Foxfile foxfile = FoxfileReader.read(file, name);
        BuildContext context = BuildContext.open(request.context(), file);
        Platform platform = Platform.host();
        BuildArgs args = BuildArgs.of(request.buildArgs(), platform, platform);
        Scope global = Scope.global(foxfile, args);
        Stage target = request.target() == null ? foxfile.lastStage() : foxfile.stage(request.target())
                .orElseThrow(() -> new IllegalArgumentException("target stage '" + request.target() + "' not found in "
                        + name + (foxfile.stages().stream().anyMatch(s -> s.name() != null) ? "; its stages are "
                        + foxfile.stages().stream().map(Stage::displayName).toList() : "")));
        List<Stage> stages = needed(foxfile, target, global);
        int total = stages.stream().mapToInt(s -> 1 + s.instructions().size()).sum();
        Instant created = SourceDateEpoch.now();

        try (LockFile.Held writing = images.store().writing()) {
            BuildRun run = new BuildRun(request, foxfile, context, global, steps, cache, bases, output,
                    images.store().blobs(), created, total);
            StageResult last = null;
            for (Stage stage : stages) {
                last = new StageBuilder(run).build(stage);
                run.stages.put(stage.index(), last);
            }
            Set<String> unused = args.unused(foxfile);
            if (!unused.isEmpty()) {
                output.warn("build arguments that no ARG declares were not used: " + String.join(", ", unused));
            }
            ImageConfig config = last.config();
            if (!request.labels().isEmpty()) {
                Map<String, String> labels = new LinkedHashMap<>(config.config().labels());
                labels.putAll(request.labels());
                config = config.withConfig(config.config().withLabels(labels));
            }
            config = stamped(config.withCreated(created), last.key(), created);
            StoredImage image = images.create(config, last.layers(), request.tags());
            output.committed(image, request.tags());
            return image;
        }
    }

    /**
     * The config with the time this build's result was first made, when an earlier build had the
     * same result: a rebuild from the cache then gives the same image id, as docker's does.
     */
    private ImageConfig stamped(ImageConfig config, String lastKey, Instant now) throws IOException {
        String key = StepKeys.of(lastKey, new java.util.TreeMap<>(config.config().labels()).toString());
        Instant first = cache.resultTime(key);
        if (first == null) {
            cache.storeResultTime(key, now);
            return config;
        }
        List<ImageConfig.History> history = new ArrayList<>();
        for (ImageConfig.History h : config.history()) {
            history.add(now.equals(h.created()) ? new ImageConfig.History(first, h.createdBy(), h.author(), h.comment(),
                    h.emptyLayer()) : h);
        }
        return new ImageConfig(first, config.author(), config.architecture(), config.os(), config.variant(),
                config.osVersion(), config.config(), config.rootfs(), history);
    }

    /** The build cache, for {@code system prune} and garbage collection. */
    public BuildCache cache() {
        return cache;
    }

    /**
     * The stages {@code target} needs, in Foxfile order: the stages its FROM and its
     * {@code COPY --from} name, and theirs. Stages nothing needs are not built.
     */
    static List<Stage> needed(Foxfile foxfile, Stage target, Scope global) {
        Set<Integer> needed = new TreeSet<>();
        Deque<Stage> todo = new ArrayDeque<>(List.of(target));
        while (!todo.isEmpty()) {
            Stage stage = todo.pop();
            if (!needed.add(stage.index())) {
                continue;
            }
            From from = (From) Expansion.apply(stage.from(), global);
            earlier(foxfile, from.image(), stage).ifPresent(todo::push);
            for (Instruction i : stage.instructions()) {
                if (i instanceof Copy copy && copy.from() != null) {
                    earlier(foxfile, copy.from(), stage).ifPresent(todo::push);
                }
            }
        }
        List<Stage> ordered = new ArrayList<>();
        for (int index : needed) {
            ordered.add(foxfile.stages().get(index));
        }
        return ordered;
    }

    private static java.util.Optional<Stage> earlier(Foxfile foxfile, String reference, Stage of) {
        return foxfile.stage(reference).filter(s -> s.index() < of.index());
    }
}
