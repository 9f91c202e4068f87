package dev.foxbox.build.foxfile;

/** {@code ENTRYPOINT}: the program the image runs; {@code ENTRYPOINT []} clears an inherited one. */
public record Entrypoint(Command command, SourceLocation location) implements Instruction {
    @Override
    public String keyword() {
        return "ENTRYPOINT";
    }
}
