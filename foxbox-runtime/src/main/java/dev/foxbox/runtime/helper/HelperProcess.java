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
 * throws when the helper reports that the box could not start.
 */
public final class HelperProcess {

    private final Process process;
    private final Path errorFile;

    private HelperProcess(Process process, Path errorFile) {
        this.process = process;
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
        return new HelperProcess(stdio.start(), plan.errorFile());
    }

    public Process process() {
        return process;
    }

    public int waitFor() throws IOException, InterruptedException {
        int status = process.waitFor();
        String error = readError();
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
