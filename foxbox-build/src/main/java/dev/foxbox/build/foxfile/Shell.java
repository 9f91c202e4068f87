package dev.foxbox.build.foxfile;

import java.util.List;

/** {@code SHELL ["/bin/bash", "-c"]}: the shell that runs shell-form commands from here on. */
public record Shell(List<String> shell, SourceLocation location) implements Instruction {

    public Shell {
        shell = List.copyOf(shell);
    }

    @Override
    public String keyword() {
        return "SHELL";
    }
}
