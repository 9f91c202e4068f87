package dev.foxbox.build.foxfile;

import java.util.List;

/**
 * {@code ARG name[=default] ...}: build arguments. Before the first FROM they are global (usable
 * in FROM lines); in a stage they make a build argument visible from there on.
 */
public record Arg(List<Declaration> declarations, SourceLocation location) implements Instruction {

    /**
     * @param defaultValue the default as written, or null when none was given ({@code ARG x},
     *                     unlike {@code ARG x=}, which defaults to the empty string)
     */
    public record Declaration(String name, String defaultValue) {
        public Declaration {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("an ARG needs a name");
            }
        }
    }

    public Arg {
        declarations = List.copyOf(declarations);
    }

    @Override
    public String keyword() {
        return "ARG";
    }
}
