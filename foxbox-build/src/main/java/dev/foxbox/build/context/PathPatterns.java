package dev.foxbox.build.context;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Go's {@code filepath.Match} patterns as Java regexes: {@code *} is any run of characters but
 * {@code /}, {@code ?} one such character, {@code [a-z]} and {@code [^a-z]} classes, {@code \}
 * escapes. With {@code doubleStar}, {@code **} also crosses directories, as {@code .dockerignore}
 * allows (docker's patternmatcher).
 */
final class PathPatterns {

    private PathPatterns() {
    }

    /** @throws IllegalArgumentException for a malformed pattern (an unclosed {@code [}) */
    static Pattern compile(String pattern, boolean doubleStar) {
        StringBuilder re = new StringBuilder("^");
        int n = pattern.length();
        int i = 0;
        while (i < n) {
            char c = pattern.charAt(i);
            if (c == '*' && doubleStar && i + 1 < n && pattern.charAt(i + 1) == '*') {
                i += 2;
                if (i < n && pattern.charAt(i) == '/') {
                    i++;
                }
                re.append(i >= n ? ".*" : "(.*/)?");
            } else if (c == '*') {
                re.append("[^/]*");
                i++;
            } else if (c == '?') {
                re.append("[^/]");
                i++;
            } else if (c == '[') {
                i = characterClass(pattern, i, re);
            } else if (c == '\\') {
                re.append(i + 1 < n ? Pattern.quote(String.valueOf(pattern.charAt(i + 1))) : "\\\\");
                i += 2;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        try {
            return Pattern.compile(re.append('$').toString(), Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("syntax error in pattern \"" + pattern + "\"");
        }
    }

    /** Whether a COPY source has wildcards, by docker's rule (a {@code \} escapes the next character). */
    static boolean hasWildcards(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }

    /** Appends the class that starts at {@code pattern[start] == '['}; returns the index after its {@code ]}. */
    private static int characterClass(String pattern, int start, StringBuilder re) {
        int i = start + 1;
        StringBuilder cls = new StringBuilder("[");
        if (i < pattern.length() && pattern.charAt(i) == '^') {
            cls.append('^');
            i++;
        }
        boolean empty = true;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == ']' && !empty) {
                // A class never matches the separator, as in Go.
                re.append(cls).append(cls.charAt(1) == '^' ? "/]" : "&&[^/]]");
                return i + 1;
            }
            if (c == '-' && !empty && i + 1 < pattern.length() && pattern.charAt(i + 1) != ']') {
                cls.append('-');
            } else {
                if (c == '\\' && i + 1 < pattern.length()) {
                    c = pattern.charAt(++i);
                }
                cls.append(Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c);
            }
            empty = false;
            i++;
        }
        throw new IllegalArgumentException("syntax error in pattern \"" + pattern + "\": unclosed [");
    }
}
