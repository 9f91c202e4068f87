package dev.foxbox.build.parse;

import java.util.List;

/**
 * An instruction's pieces within its logical line: the keyword, the {@code --flag} words, and
 * the argument text {@code [from, to)} after them (blanks trimmed).
 */
record Args(LogicalLine line, String keyword, int keywordOffset, List<Word> flags, int from, int to) {

    String text() {
        return line.text().substring(from, to);
    }

    boolean isEmpty() {
        return from >= to;
    }

    /** docker's "X requires at least one argument", pointing at the keyword. */
    Args requireSome() {
        if (isEmpty()) {
            throw line.error(keywordOffset, keyword + " requires at least one argument");
        }
        return this;
    }

    /** The same instruction with its arguments narrowed to {@code [from, to)}, trimmed. */
    Args narrow(int newFrom, int newTo) {
        String t = line.text();
        int f = newFrom;
        int e = newTo;
        while (f < e && Word.isBlank(t.charAt(f))) {
            f++;
        }
        while (e > f && Word.isBlank(t.charAt(e - 1))) {
            e--;
        }
        return new Args(line, keyword, keywordOffset, flags, f, e);
    }
}
