package dev.foxbox.image.model;

/**
 * The shapes of image references' parts, media types and names, checked character by character.
 * Each method says the regular expression it stands for (SyntaxTest checks that they agree):
 * compiling and running java.util.regex on a cold JVM costs a millisecond or two of every box
 * start, which names an image and reads a few media types.
 */
public final class Syntax {

    private Syntax() {}

    /** {@code [a-zA-Z0-9][a-zA-Z0-9_.-]*}: a box's or a volume's name. */
    public static boolean isName(String s) {
        if (s.isEmpty() || !isAlnum(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAlnum(c) && c != '_' && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** {@code [a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*}: a repository path component. */
    static boolean isPathComponent(String s) {
        int i = 0;
        int n = s.length();
        while (true) {
            int run = i;
            while (i < n && isLowerAlnum(s.charAt(i))) {
                i++;
            }
            if (i == run) {
                return false;
            }
            if (i == n) {
                return true;
            }
            char c = s.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '_') {
                i += i + 1 < n && s.charAt(i + 1) == '_' ? 2 : 1;
            } else if (c == '-') {
                while (i < n && s.charAt(i) == '-') {
                    i++;
                }
            } else {
                return false;
            }
        }
    }

    /** {@code [A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?}: one label of a registry's host name. */
    static boolean isDomainComponent(String s) {
        int n = s.length();
        if (n == 0 || !isAlnum(s.charAt(0)) || !isAlnum(s.charAt(n - 1))) {
            return false;
        }
        for (int i = 1; i < n - 1; i++) {
            if (!isAlnum(s.charAt(i)) && s.charAt(i) != '-') {
                return false;
            }
        }
        return true;
    }

    /** {@code \[[0-9A-Fa-f:.]+]}: a bracketed IPv6 address. */
    static boolean isBracketedIpv6(String s) {
        int n = s.length();
        if (n < 3 || s.charAt(0) != '[' || s.charAt(n - 1) != ']') {
            return false;
        }
        for (int i = 1; i < n - 1; i++) {
            char c = s.charAt(i);
            if (!isHex(c) && c != ':' && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** {@code [0-9]+}. */
    static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}}: a tag. */
    static boolean isTag(String s) {
        int n = s.length();
        if (n == 0 || n > 128 || !(isAlnum(s.charAt(0)) || s.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (!isAlnum(c) && c != '_' && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** {@code [a-f0-9]{64}}: what an image id and a box id look like. */
    public static boolean isHex64(String s) {
        if (s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!isDigit(c) && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    /** {@code [a-z0-9][a-z0-9!#$&^_.+-]*}{@code /}{@code [a-z0-9][a-z0-9!#$&^_.+-]*}: a media type, lower case. */
    static boolean isMediaType(String s) {
        int slash = s.indexOf('/');
        return slash > 0 && isMediaTypePart(s, 0, slash) && isMediaTypePart(s, slash + 1, s.length());
    }

    private static boolean isMediaTypePart(String s, int from, int to) {
        if (from >= to || !isLowerAlnum(s.charAt(from))) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = s.charAt(i);
            if (!isLowerAlnum(c) && "!#$&^_.+-".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLowerAlnum(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z');
    }

    private static boolean isAlnum(char c) {
        return isLowerAlnum(c) || (c >= 'A' && c <= 'Z');
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
