package dev.foxbox.cli;

import picocli.CommandLine.Model.CommandSpec;

/** Finds the {@link FoxboxCommand} at the top of a command's tree. */
final class Parent {

    private Parent() {}

    static FoxboxCommand of(CommandSpec spec) {
        CommandSpec s = spec;
        while (s.parent() != null) {
            s = s.parent();
        }
        return (FoxboxCommand) s.userObject();
    }
}
