package dev.foxbox.build.foxfile;

/**
 * {@code FROM [--platform=P] IMAGE [AS NAME]}: begins a stage.
 *
 * @param image     the base image or an earlier stage's name, as written ({@code $VARIABLES}
 *                  expand with the global ARGs)
 * @param platform  {@code --platform}, as written, or null
 * @param stageName the stage's name in lower case, as docker keeps it, or null
 */
public record From(String image, String platform, String stageName, SourceLocation location) implements Instruction {
    @Override
    public String keyword() {
        return "FROM";
    }
}
