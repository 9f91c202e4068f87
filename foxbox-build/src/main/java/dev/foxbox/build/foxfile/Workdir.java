package dev.foxbox.build.foxfile;

/** {@code WORKDIR path}: the working directory for the rest of the stage and for the image. */
public record Workdir(String path, SourceLocation location) implements Instruction {
    @Override
    public String keyword() {
        return "WORKDIR";
    }
}
