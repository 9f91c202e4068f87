package dev.foxbox.build.foxfile;

import java.util.List;

/** {@code EXPOSE 80 443/tcp ...}: ports the image documents as listening. */
public record Expose(List<String> ports, SourceLocation location) implements Instruction {

    public Expose {
        ports = List.copyOf(ports);
    }

    @Override
    public String keyword() {
        return "EXPOSE";
    }
}
