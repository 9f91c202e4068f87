package dev.foxbox.build.parse;

import dev.foxbox.build.foxfile.FoxfileException;
import java.util.List;

/** The Foxfile's name and physical lines, so that an error can quote the line it points at. */
final class SourceText {

    private final String file;
    private final String text;
    private final List<String> lines;

    SourceText(String file, String text) {
        this.file = file;
        this.text = text;
        this.lines = text.lines().toList();
    }

    /** The whole text, byte-order mark removed. */
    String text() {
        return text;
    }

    String file() {
        return file;
    }

    /** The physical line {@code line} (1-based), without its line ending; empty past the end. */
    String line(int line) {
        return line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
    }

    FoxfileException error(int line, int column, String reason) {
        return new FoxfileException(file, line, column, reason, line(line));
    }
}
