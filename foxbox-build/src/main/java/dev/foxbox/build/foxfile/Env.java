package dev.foxbox.build.foxfile;

import java.util.List;
import java.util.Map;

/**
 * {@code ENV key=value ...} (or the legacy {@code ENV key value}): environment variables for the
 * rest of the stage and for the image. Keys and values as written, quotes included.
 */
public record Env(List<Map.Entry<String, String>> variables, SourceLocation location) implements Instruction {

    public Env {
        variables = List.copyOf(variables);
    }

    @Override
    public String keyword() {
        return "ENV";
    }
}
