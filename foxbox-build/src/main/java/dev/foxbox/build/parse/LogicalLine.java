package dev.foxbox.build.parse;

import dev.foxbox.build.foxfile.FoxfileException;
import dev.foxbox.build.foxfile.SourceLocation;
import dev.foxbox.grammar.HeredocMarker;
import java.util.List;

/**
 * One instruction as docker sees it before reading its arguments: the physical lines joined
 * (continuations and the comment lines inside them removed), with the heredoc bodies that follow
 * it. Every character remembers its line and column, so that an error in a continued line points
 * at the physical line it is on.
 */
final class LogicalLine {

    /**
     * A heredoc named on this line.
     *
     * @param offset     where its marker starts in {@link #text()}
     * @param length     the marker's length there
     * @param content    the body's raw lines
     * @param terminated false when the file ended before the terminator line
     */
    record Body(HeredocMarker marker, int offset, int length, String content, boolean terminated) {
    }

    private final SourceText source;
    private final String text;
    private final int[] lines;
    private final int[] columns;
    private final int endLine;
    private final List<Body> heredocs;

    /**
     * @param lines   the line of each character of {@code text}, plus one entry for the position
     *                just past the end
     * @param columns the same for columns (1-based)
     */
    LogicalLine(SourceText source, String text, int[] lines, int[] columns, int endLine, List<Body> heredocs) {
        if (lines.length != text.length() + 1 || columns.length != lines.length) {
            throw new IllegalArgumentException("one position per character, and one past the end");
        }
        this.source = source;
        this.text = text;
        this.lines = lines;
        this.columns = columns;
        this.endLine = endLine;
        this.heredocs = List.copyOf(heredocs);
    }

    String text() {
        return text;
    }

    List<Body> heredocs() {
        return heredocs;
    }

    /** The location of the instruction whose text starts at {@code offset} (ONBUILD's trigger starts later). */
    SourceLocation location(int offset) {
        return new SourceLocation(source.file(), lines[offset], columns[offset], endLine, text.substring(offset));
    }

    /** An error pointing at the character at {@code offset} of {@link #text()}. */
    FoxfileException error(int offset, String reason) {
        int at = Math.max(0, Math.min(offset, text.length()));
        return source.error(lines[at], columns[at], reason);
    }
}
