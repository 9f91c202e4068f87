package dev.foxbox.build.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * A word of an instruction's arguments and where it starts in the logical line, so that an error
 * about it can point at it. The splitting rules are docker's, which differ per instruction.
 */
record Word(String text, int offset) {

    /**
     * Splits on runs of blanks, quotes meaning nothing (docker's rule for FROM, EXPOSE, VOLUME,
     * COPY and ADD in shell form: {@code COPY "a b" /x} has three words).
     */
    static List<Word> splitBlanks(String line, int from, int to) {
        List<Word> words = new ArrayList<>();
        int i = from;
        while (i < to) {
            while (i < to && isBlank(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < to && !isBlank(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(new Word(line.substring(start, i), start));
            }
        }
        return words;
    }

    /**
     * Splits as docker's parser splits ENV, LABEL and ARG: blanks separate words except inside
     * quotes or after the escape character. Quotes and escapes stay in the words; expansion
     * removes them later.
     */
    static List<Word> splitQuoted(String line, int from, int to, char escape) {
        List<Word> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int start = -1;
        char quote = 0;
        boolean blankOk = false;
        for (int pos = from; pos < to; pos++) {
            char ch = line.charAt(pos);
            if (start < 0) {
                if (Character.isWhitespace(ch)) {
                    continue;
                }
                start = pos;
            }
            if (quote == 0) {
                if (Character.isWhitespace(ch)) {
                    add(words, word, start, blankOk);
                    start = -1;
                    blankOk = false;
                    continue;
                }
                if (ch == '\'' || ch == '"') {
                    quote = ch;
                    blankOk = true;
                } else if (ch == escape) {
                    if (pos + 1 == to) {
                        continue;
                    }
                    word.append(ch);
                    ch = line.charAt(++pos);
                }
                word.append(ch);
            } else {
                if (ch == quote) {
                    quote = 0;
                } else if (ch == escape && quote != '\'') {
                    if (pos + 1 == to) {
                        quote = 0;
                        continue;
                    }
                    word.append(ch);
                    ch = line.charAt(++pos);
                }
                word.append(ch);
            }
        }
        if (start >= 0) {
            add(words, word, start, blankOk);
        }
        return words;
    }

    private static void add(List<Word> words, StringBuilder word, int start, boolean blankOk) {
        if (blankOk || word.length() > 0) {
            words.add(new Word(word.toString(), start));
        }
        word.setLength(0);
    }

    /** docker's blank: {@code [\t\v\f\r ]}. */
    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
