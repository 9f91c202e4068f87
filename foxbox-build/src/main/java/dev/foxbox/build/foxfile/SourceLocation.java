package dev.foxbox.build.foxfile;

/**
 * Where an instruction was written, kept on every instruction so that an error found at any
 * stage (parsing, expansion, building) can say {@code file:line:col}, and so that the builder can
 * print {@code STEP N/M: <text>} as docker does.
 *
 * @param file    the Foxfile's name as the user gave it (e.g. {@code Foxfile} or {@code app/Dockerfile})
 * @param line    the 1-based line the instruction starts on
 * @param column  the 1-based column of its first character
 * @param endLine the last line of the instruction, continuations and heredoc bodies included
 * @param text    the instruction as one line: continuations joined, comment lines inside them
 *                dropped, heredoc bodies left out (docker's "original" text)
 */
public record SourceLocation(String file, int line, int column, int endLine, String text) {

    public SourceLocation {
        if (line < 1 || column < 1 || endLine < line) {
            throw new IllegalArgumentException("bad source location " + line + ":" + column + "-" + endLine);
        }
        text = text == null ? "" : text;
    }

    /** {@code file:line:col}, the prefix of every message about this instruction. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
