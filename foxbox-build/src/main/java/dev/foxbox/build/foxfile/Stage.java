package dev.foxbox.build.foxfile;

import java.util.List;

/**
 * A build stage: a FROM and the instructions up to the next FROM. Later stages (and
 * {@code COPY --from}) refer to it by name or index.
 *
 * @param name         the {@code AS} name in lower case, or null
 * @param index        0 for the first stage
 * @param instructions the stage's instructions after its FROM
 */
public record Stage(String name, int index, From from, List<Instruction> instructions) {

    public Stage {
        instructions = List.copyOf(instructions);
    }

    /** The name if it has one, else its index, as docker refers to stages in messages. */
    public String displayName() {
        return name != null ? name : Integer.toString(index);
    }
}
