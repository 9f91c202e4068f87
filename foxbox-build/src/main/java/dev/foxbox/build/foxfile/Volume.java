package dev.foxbox.build.foxfile;

import java.util.List;

/** {@code VOLUME /a /b} or {@code VOLUME ["/a"]}: paths the image marks as volumes. */
public record Volume(List<String> paths, SourceLocation location) implements Instruction {

    public Volume {
        paths = List.copyOf(paths);
    }

    @Override
    public String keyword() {
        return "VOLUME";
    }
}
