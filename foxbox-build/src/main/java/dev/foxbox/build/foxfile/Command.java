package dev.foxbox.build.foxfile;

import java.util.ArrayList;
import java.util.List;

/**
 * What RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD run: docker's exec form (a JSON array, run as
 * is) or shell form (a string, run by the SHELL in effect).
 */
public sealed interface Command {

    /** The program and its arguments, when the instruction's argument was a JSON array of strings. */
    record Exec(List<String> args) implements Command {
        public Exec {
            args = List.copyOf(args);
        }

        @Override
        public List<String> argv(List<String> shell) {
            return args;
        }
    }

    /** The text to hand to the shell, as written (continuations joined). */
    record Shell(String script) implements Command {
        public Shell {
            if (script == null) {
                throw new IllegalArgumentException("a shell-form command needs its text");
            }
        }

        @Override
        public List<String> argv(List<String> shell) {
            List<String> argv = new ArrayList<>(shell);
            argv.add(script);
            return List.copyOf(argv);
        }
    }

    /** The argument vector to run, given the shell in effect (docker's default is {@code /bin/sh -c}). */
    List<String> argv(List<String> shell);
}
