package dev.foxbox.build.foxfile;

/** {@code USER user[:group]}: who runs the rest of the stage's commands and the image. */
public record User(String user, SourceLocation location) implements Instruction {
    @Override
    public String keyword() {
        return "USER";
    }
}
