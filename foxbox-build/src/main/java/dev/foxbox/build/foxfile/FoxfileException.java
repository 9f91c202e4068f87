package dev.foxbox.build.foxfile;

/**
 * A Foxfile that cannot be built as written: a syntax error, an unknown instruction, a bad flag,
 * a variable that does not expand. It says what and where.
 *
 * <p>{@link #getMessage()} is one line, {@code Foxfile:12:5: unknown instruction: FORM}, for the
 * command line's one-line error rule; {@link #withSource()} adds the source line and a caret
 * under the column, for verbose output.
 */
public final class FoxfileException extends RuntimeException {

    private final String file;
    private final int line;
    private final int column;
    private final String reason;
    private final String sourceLine;

    /**
     * @param sourceLine the text of the line the error is on, for the caret; may be null
     */
    public FoxfileException(String file, int line, int column, String reason, String sourceLine) {
        super(file + ":" + line + ":" + column + ": " + reason);
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
        this.sourceLine = sourceLine;
    }

    /** An error about a whole instruction, pointing at its first character. */
    public static FoxfileException at(SourceLocation location, String reason) {
        return new FoxfileException(location.file(), location.line(), location.column(), reason,
                " ".repeat(location.column() - 1) + location.text());
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without the location. */
    public String reason() {
        return reason;
    }

    /** {@code line:col message}, the form the negative golden tests compare. */
    public String lineColumnReason() {
        return line + ":" + column + " " + reason;
    }

    /**
     * The one-line message, then the source line and a caret under the column. Tabs before the
     * column are kept in the caret line so that the caret lines up in a terminal.
     */
    public String withSource() {
        if (sourceLine == null) {
            return getMessage();
        }
        StringBuilder caret = new StringBuilder();
        for (int i = 0; i < column - 1 && i < sourceLine.length(); i++) {
            caret.append(sourceLine.charAt(i) == '\t' ? '\t' : ' ');
        }
        caret.append(" ".repeat(Math.max(0, column - 1 - sourceLine.length())));
        return getMessage() + "\n" + sourceLine + "\n" + caret + "^";
    }
}
