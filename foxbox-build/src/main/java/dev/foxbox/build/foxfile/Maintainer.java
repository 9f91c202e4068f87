package dev.foxbox.build.foxfile;

/** {@code MAINTAINER name}: deprecated in docker, still accepted; sets the image's author. */
public record Maintainer(String name, SourceLocation location) implements Instruction {
    @Override
    public String keyword() {
        return "MAINTAINER";
    }
}
