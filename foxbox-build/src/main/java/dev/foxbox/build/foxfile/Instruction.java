package dev.foxbox.build.foxfile;

/**
 * One Foxfile instruction, typed and immutable: the second of a Foxfile's three representations
 * (the parse tree stays in {@code dev.foxbox.build.parse}; the builder dispatches on these).
 *
 * <p>Words are kept as written, quotes and {@code $variables} included, because what they mean
 * depends on the ARG and ENV values in effect at that step; {@code Expansion.apply} (in
 * {@code dev.foxbox.build.expand}) gives the instruction with its words expanded, as docker
 * expands them. Every instruction carries its {@link SourceLocation} for messages.
 */
public sealed interface Instruction
        permits Add, Arg, Cmd, Copy, Entrypoint, Env, Expose, From, Healthcheck, Label, Maintainer, OnBuild,
                Run, Shell, StopSignal, User, Volume, Workdir {

    SourceLocation location();

    /** The instruction's name in upper case: {@code RUN}, {@code COPY}, ... */
    String keyword();
}
