package dev.foxbox.runtime.helper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the helper on a plan and turns its answer into an exit status or a
 * {@link BoxStartException}.
 *
 * <p>Call order: {@link #start} writes the plan next to the error file and starts the helper
 * with the given stdio; {@link #waitFor} returns the box's exit status (128+N for signal N), or
 * throws when the helper reports that the box could not start. Or {@link #handOver} gives the
 * plan to the helper that started this JVM, and {@link #waitFor} returns 0 as soon as the box
 * runs: that helper, not this JVM, waits for the box and exits with its status.
 */
public final class HelperProcess {

    private final Process process;
    private final Handover handover;
    private final Path errorFile;

    private HelperProcess(Process process, Handover handover, Path errorFile) {
        this.process = process;
        this.handover = handover;
        this.errorFile = errorFile;
    }

    /**
     * @param binary   the installed helper
     * @param plan     what to do
     * @param planFile where to write the plan (the box's directory)
     * @param stdio    configured for the box's stdin, stdout and stderr (inheritIO for an attached box)
     */
    public static HelperProcess start(Path binary, HelperPlan plan, Path planFile, ProcessBuilder stdio) throws IOException {
        Files.deleteIfExists(plan.errorFile());
        Files.write(planFile, HelperInput.write(plan));
        stdio.command(List.of(binary.toString(), "run", planFile.toString()));
        return new HelperProcess(stdio.start(), null, plan.errorFile());
    }

    /**
     * Writes the plan as {@link #start} does and hands it to {@code handover}'s helper, which runs
     * the box with this JVM's own stdio.
     */
    public static HelperProcess handOver(Handover handover, HelperPlan plan, Path planFile) throws IOException {
        Files.deleteIfExists(plan.errorFile());
        Files.write(planFile, HelperInput.write(plan));
        handover.send(planFile);
        return new HelperProcess(null, handover, plan.errorFile());
    }

    /** The helper process, or null when the plan was handed over. */
    public Process process() {
        return process;
    }

    /** Whether the box runs in the helper that started this JVM, which waits for it. */
    public boolean handedOver() {
        return handover != null;
    }

    public int waitFor() throws IOException, InterruptedException {
        int status = process != null ? process.waitFor() : handover.awaitStart();
        String error = readError();
        if (error == null && handover != null && status != 0) {
            error = "helper\t0\tthe helper ended before the box started";
        }
        if (error != null) {
            String[] fields = error.split("\t", 3);
            String stage = fields.length > 0 ? fields[0] : "helper";
            String message = fields.length > 2 ? fields[2] : error;
            int code = status == HelperInput.EXIT_CANNOT_EXEC || status == HelperInput.EXIT_NOT_FOUND
                    ? status : HelperInput.EXIT_FAILED;
            throw new BoxStartException(stage, message.strip(), code);
        }
        return status;
    }

    private String readError() throws IOException {
        try {
            String text = Files.readString(errorFile, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? null : text;
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
