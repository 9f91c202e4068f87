package dev.foxbox.build.expand;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Docker's variable expansion for Foxfile words (BuildKit's {@code frontend/dockerfile/shell}):
 * {@code $x}, {@code ${x}}, {@code ${x:-word}}, {@code ${x-word}}, {@code ${x:+word}},
 * {@code ${x+word}}, {@code ${x:?message}}, {@code ${x#pattern}}, {@code ${x%pattern}} (and their
 * greedy {@code ##}, {@code %%}), {@code ${x/pattern/replacement}}, with shell quoting: single
 * quotes keep everything, double quotes keep all but {@code $} and the escape character, and the
 * escape character ({@code \} or the Foxfile's backtick) makes the next character literal.
 *
 * <p>An undefined variable expands to nothing, as in docker; {@code $} followed by no name stays
 * {@code $}. It is not a shell: no command substitution, no arithmetic, no globbing.
 */
public final class Expander {

    private final char escape;

    /** @param escape the Foxfile's escape character, {@code \} unless {@code # escape=`} */
    public Expander(char escape) {
        this.escape = escape;
    }

    /**
     * One word, quotes removed and variables replaced (docker's ProcessWord): what WORKDIR, USER,
     * ENV values, COPY paths and the like mean. Blanks inside the word are kept.
     *
     * @param variables the value of a variable, or null when it is not set
     * @throws ExpansionException for a syntax error (an unterminated quote, {@code ${x})
     */
    public String word(String word, Function<String, String> variables) {
        return new Scan(word, variables, escape, true).run(word).result();
    }

    /**
     * Expands and then splits into words on blanks outside quotes (docker's ProcessWords), as
     * EXPOSE does: {@code EXPOSE $PORTS} may become several ports.
     */
    public List<String> words(String text, Function<String, String> variables) {
        return new Scan(text, variables, escape, true).run(text).words();
    }

    /**
     * A heredoc's content whose marker was not quoted, as a POSIX shell expands a here-document:
     * variables are replaced, quotes are kept, and the escape character escapes only {@code $}
     * and itself (so {@code printf "a\n"} stays as written).
     */
    public String heredoc(String content, Function<String, String> variables) {
        StringBuilder out = new StringBuilder();
        Scan scan = new Scan(content, variables, escape, false);
        while (scan.more()) {
            char c = scan.peek();
            if (c == '$') {
                out.append(scan.dollar());
            } else {
                scan.next();
                if (c == escape && scan.more() && (scan.peek() == '$' || scan.peek() == escape)) {
                    c = scan.next();
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A failure to expand, with docker's wording: {@code failed to process "${x": syntax error: missing '}'}. */
    static ExpansionException failed(String source, String reason) {
        return new ExpansionException("failed to process \"" + source + "\": " + reason, reason);
    }

    /** The words docker would split an expansion into; see {@link #words}. */
    static final class Words {
        private final List<String> words = new ArrayList<>();
        private final StringBuilder word = new StringBuilder();
        private boolean inWord;

        void addChar(char c) {
            if (Character.isWhitespace(c)) {
                if (inWord && word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                addRaw(String.valueOf(c));
            }
        }

        void addRaw(String s) {
            word.append(s);
            inWord = true;
        }

        void addString(String s) {
            for (int i = 0; i < s.length(); i++) {
                addChar(s.charAt(i));
            }
        }

        List<String> finish() {
            if (word.length() > 0) {
                words.add(word.toString());
                word.setLength(0);
            }
            return List.copyOf(words);
        }
    }
}
