package dev.foxbox.build.foxfile;

/** {@code CMD}: the image's default command (or ENTRYPOINT's default arguments). */
public record Cmd(Command command, SourceLocation location) implements Instruction {
    @Override
    public String keyword() {
        return "CMD";
    }
}
