package dev.foxbox.build.builder;

import dev.foxbox.build.context.BuildContext;
import dev.foxbox.build.expand.Scope;
import dev.foxbox.build.foxfile.Foxfile;
import dev.foxbox.image.store.ContentStore;
import dev.foxbox.runtime.box.StepRunner;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** One build's shared state: what was asked, the parts that do the work, and the stages built so far. */
final class BuildRun {

    final BuildRequest request;
    final Foxfile foxfile;
    final BuildContext context;
    final Scope global;
    final StepRunner steps;
    final BuildCache cache;
    final BaseImages bases;
    final BuildOutput output;
    final ContentStore blobs;
    final Instant created;
    final int total;
    final Map<Integer, StageResult> stages = new HashMap<>();
    private int number;

    BuildRun(BuildRequest request, Foxfile foxfile, BuildContext context, Scope global, StepRunner steps,
             BuildCache cache, BaseImages bases, BuildOutput output, ContentStore blobs, Instant created, int total) {
        this.request = request;
        this.foxfile = foxfile;
        this.context = context;
        this.global = global;
        this.steps = steps;
        this.cache = cache;
        this.bases = bases;
        this.output = output;
        this.blobs = blobs;
        this.created = created;
        this.total = total;
    }

    /** Prints the next step's header; returns its "STEP N/M" for messages. */
    String step(String text) {
        number++;
        output.step(number, total, text);
        return "STEP " + number + "/" + total;
    }
}
