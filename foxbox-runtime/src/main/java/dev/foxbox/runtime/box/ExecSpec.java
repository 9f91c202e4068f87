package dev.foxbox.runtime.box;

import java.util.List;

/** What {@code foxbox exec} asks for: a command to run in a running box, and how. Null: the box's setting. */
public record ExecSpec(List<String> command, List<String> env, String user, String workdir, boolean tty,
                       boolean interactive, boolean detach, boolean privileged) {

    public ExecSpec {
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("exec needs a command");
        }
        command = List.copyOf(command);
        env = List.copyOf(env);
    }
}
