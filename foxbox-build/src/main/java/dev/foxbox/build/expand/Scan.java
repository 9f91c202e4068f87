package dev.foxbox.build.expand;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One pass of {@link Expander} over a string: the scanner and the rules for quotes and {@code $}. */
final class Scan {

    private static final int END = -1;

    /** What a scan produced: the word as one string, and the same split into words. */
    record Result(String result, List<String> words) {
    }

    private final String s;
    private final Function<String, String> variables;
    private final char escape;
    private final boolean quotes;
    private int pos;

    /** @param quotes whether quotes are processed (false for heredoc content) */
    Scan(String s, Function<String, String> variables, char escape, boolean quotes) {
        this.s = s;
        this.variables = variables;
        this.escape = escape;
        this.quotes = quotes;
    }

    Result run(String source) {
        try {
            return stopOn(END, false);
        } catch (ExpansionException e) {
            throw Expander.failed(source, e.reason());
        }
    }

    boolean more() {
        return pos < s.length();
    }

    char peek() {
        return s.charAt(pos);
    }

    char next() {
        return s.charAt(pos++);
    }

    /**
     * Reads up to {@code stop} (consumed) or the end; a missing {@code stop} is an error.
     *
     * @param rawEscapes keep the escape character in the result, as patterns need it
     */
    private Result stopOn(int stop, boolean rawEscapes) {
        StringBuilder result = new StringBuilder();
        Expander.Words words = new Expander.Words();
        while (more()) {
            char c = peek();
            if (stop != END && c == stop) {
                pos++;
                return new Result(result.toString(), words.finish());
            }
            if (quotes && (c == '\'' || c == '"')) {
                String quoted = c == '\'' ? singleQuoted() : doubleQuoted();
                result.append(quoted);
                words.addRaw(quoted);
            } else if (c == '$') {
                String value = dollar();
                result.append(value);
                words.addString(value);
            } else {
                pos++;
                if (c == escape) {
                    if (rawEscapes) {
                        result.append(c);
                    }
                    if (!more()) {
                        break;
                    }
                    c = next();
                    words.addRaw(String.valueOf(c));
                } else {
                    words.addChar(c);
                }
                result.append(c);
            }
        }
        if (stop != END) {
            throw new ExpansionException("unexpected end of statement while looking for matching " + (char) stop);
        }
        return new Result(result.toString(), words.finish());
    }

    private String singleQuoted() {
        pos++;
        int close = s.indexOf('\'', pos);
        if (close < 0) {
            throw new ExpansionException("unexpected end of statement while looking for matching single-quote");
        }
        String text = s.substring(pos, close);
        pos = close + 1;
        return text;
    }

    private String doubleQuoted() {
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (!more()) {
                throw new ExpansionException("unexpected end of statement while looking for matching double-quote");
            }
            char c = peek();
            if (c == '"') {
                pos++;
                return out.toString();
            }
            if (c == '$') {
                out.append(dollar());
                continue;
            }
            pos++;
            if (c == escape) {
                if (!more()) {
                    continue;
                }
                char n = peek();
                if (n == '"' || n == '$' || n == escape) {
                    c = next();
                }
            }
            out.append(c);
        }
    }

    /** {@code $name} or {@code ${...}}, at {@code $}. */
    String dollar() {
        pos++;
        if (!more() || peek() != '{') {
            String name = name();
            return name.isEmpty() ? "$" : orEmpty(variables.apply(name));
        }
        pos++;
        if (!more()) {
            throw new ExpansionException("syntax error: missing '}'");
        }
        if (peek() == '{' || peek() == '}' || peek() == ':') {
            throw new ExpansionException("syntax error: bad substitution");
        }
        String name = name();
        if (!more()) {
            throw new ExpansionException("syntax error: missing '}'");
        }
        char c = next();
        if (c == '}') {
            return orEmpty(variables.apply(name));
        }
        if (c == '/') {
            return Substitution.replace(name, variables.apply(name), this);
        }
        boolean colon = c == ':';
        if (colon) {
            if (!more()) {
                throw new ExpansionException("syntax error: missing '}'");
            }
            c = next();
        }
        String modifier = (colon ? ":" : "") + c;
        if ("+-?#%".indexOf(c) < 0 || (colon && (c == '#' || c == '%'))) {
            throw new ExpansionException("unsupported modifier (" + modifier + ") in substitution");
        }
        String word = word('}', c == '#' || c == '%');
        return Substitution.apply(name, variables.apply(name), colon, c, word);
    }

    /** The rest of a {@code ${...}} up to {@code stop}, expanded; docker's "missing '}'" at the end. */
    String word(char stop, boolean rawEscapes) {
        try {
            return stopOn(stop, rawEscapes).result();
        } catch (ExpansionException e) {
            if (!more()) {
                throw new ExpansionException(stop == '}' ? "syntax error: missing '}'" : "syntax error: missing '/' in ${}");
            }
            throw e;
        }
    }

    /** A variable name; digits or one special parameter ({@code $1}, {@code $@}) count as names. */
    private String name() {
        int start = pos;
        if (more() && Character.isDigit(peek())) {
            while (more() && Character.isDigit(peek())) {
                pos++;
            }
            return s.substring(start, pos);
        }
        if (more() && "@*#?-$!0".indexOf(peek()) >= 0) {
            pos++;
            return s.substring(start, pos);
        }
        while (more() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
            pos++;
        }
        return s.substring(start, pos);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** A ${x#pattern}-style pattern as a regex, as BuildKit converts it (no bracket expressions). */
    static Pattern pattern(String pattern, boolean greedy, boolean anchored) {
        StringBuilder re = new StringBuilder(anchored ? "^" : "");
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                re.append(greedy ? ".*" : ".*?");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '\\' && i + 1 < pattern.length()) {
                re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    static String firstMatchRemoved(String value, Pattern p) {
        Matcher m = p.matcher(value);
        return m.find() ? value.substring(m.end()) : value;
    }
}
