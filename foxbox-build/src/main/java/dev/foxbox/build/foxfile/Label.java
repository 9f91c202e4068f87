package dev.foxbox.build.foxfile;

import java.util.List;
import java.util.Map;

/** {@code LABEL key=value ...}: image labels. Keys and values as written, quotes included. */
public record Label(List<Map.Entry<String, String>> labels, SourceLocation location) implements Instruction {

    public Label {
        labels = List.copyOf(labels);
    }

    @Override
    public String keyword() {
        return "LABEL";
    }
}
