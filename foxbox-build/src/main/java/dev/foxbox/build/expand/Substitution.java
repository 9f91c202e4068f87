package dev.foxbox.build.expand;

import java.util.regex.Matcher;

/** The {@code ${name<modifier>word}} forms, given the variable's value (null when unset). */
final class Substitution {

    private Substitution() {
    }

    /**
     * @param colon whether the modifier had a colon: then an empty value counts as unset
     */
    static String apply(String name, String value, boolean colon, char modifier, String word) {
        boolean unset = value == null || (colon && value.isEmpty());
        switch (modifier) {
            case '-':
                return unset ? word : value;
            case '+':
                return unset ? "" : word;
            case '?':
                if (value == null) {
                    throw new ExpansionException(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
                }
                if (colon && value.isEmpty()) {
                    throw new ExpansionException(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
                }
                return value;
            case '#':
            case '%':
                return trim(value == null ? "" : value, modifier, word);
            default:
                throw new ExpansionException("unsupported modifier (" + modifier + ") in substitution");
        }
    }

    /** {@code ${x#p}} removes the shortest prefix matching p, {@code ##} the longest; {@code %} suffixes. */
    private static String trim(String value, char modifier, String word) {
        boolean greedy = !word.isEmpty() && word.charAt(0) == modifier;
        String pattern = greedy ? word.substring(1) : word;
        if (modifier == '#') {
            return Scan.firstMatchRemoved(value, Scan.pattern(pattern, greedy, true));
        }
        // A shortest or longest suffix is a prefix of the reversed value.
        String reversed = new StringBuilder(value).reverse().toString();
        String trimmed = Scan.firstMatchRemoved(reversed, Scan.pattern(reverse(pattern), greedy, true));
        return new StringBuilder(trimmed).reverse().toString();
    }

    /** {@code ${x/pattern/replacement}} and {@code ${x//pattern/replacement}}, after the first {@code /}. */
    static String replace(String name, String value, Scan scan) {
        boolean all = scan.more() && scan.peek() == '/';
        if (all) {
            scan.next();
        }
        String pattern = scan.word('/', true);
        String replacement = scan.word('}', true);
        String v = value == null ? "" : value;
        Matcher m = Scan.pattern(pattern, true, false).matcher(v);
        String quoted = Matcher.quoteReplacement(replacement);
        return all ? m.replaceAll(quoted) : m.replaceFirst(quoted);
    }

    /** Reverses a pattern, keeping each {@code \x} escape in front of its character. */
    private static String reverse(String pattern) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                out.insert(0, "\\" + pattern.charAt(++i));
            } else {
                out.insert(0, c);
            }
        }
        return out.toString();
    }
}
