package dev.foxbox.build.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Docker's test for the exec form: is an instruction's argument a JSON array of strings?
 *
 * <p>Three outcomes, as in docker: a valid array of strings is the exec form; valid JSON that is
 * an array of anything else is an error ("arrays must be comprised of strings only"); anything
 * that is not valid JSON is the shell form, so {@code RUN [ -f x ] && y} still runs. The whole
 * argument must be the array: {@code CMD ["a"] b} is shell form. A small strict reader (RFC 8259),
 * because the result decides how a command runs and Jackson would accept more than docker does.
 */
final class JsonArray {

    /** What the text turned out to be. */
    enum Kind { STRINGS, NOT_STRINGS, NOT_JSON }

    record Result(Kind kind, List<String> strings) {
    }

    private final String s;
    private int pos;

    private JsonArray(String s) {
        this.s = s;
    }

    static Result read(String text) {
        String trimmed = text.strip();
        if (!trimmed.startsWith("[")) {
            return new Result(Kind.NOT_JSON, List.of());
        }
        JsonArray r = new JsonArray(trimmed);
        try {
            List<Object> values = r.array();
            r.blanks();
            if (r.pos != trimmed.length()) {
                return new Result(Kind.NOT_JSON, List.of());
            }
            List<String> strings = new ArrayList<>();
            for (Object v : values) {
                if (!(v instanceof String str)) {
                    return new Result(Kind.NOT_STRINGS, List.of());
                }
                strings.add(str);
            }
            return new Result(Kind.STRINGS, List.copyOf(strings));
        } catch (IllegalArgumentException e) {
            return new Result(Kind.NOT_JSON, List.of());
        }
    }

    private Object value() {
        blanks();
        char c = peek();
        if (c == '[') {
            return array();
        }
        if (c == '{') {
            object();
            return new Object();
        }
        if (c == '"') {
            return string();
        }
        if (s.startsWith("true", pos) || s.startsWith("null", pos)) {
            pos += 4;
            return Boolean.TRUE;
        }
        if (s.startsWith("false", pos)) {
            pos += 5;
            return Boolean.FALSE;
        }
        number();
        return 0;
    }

    private List<Object> array() {
        expect('[');
        List<Object> values = new ArrayList<>();
        blanks();
        if (peek() == ']') {
            pos++;
            return values;
        }
        while (true) {
            values.add(value());
            blanks();
            char c = next();
            if (c == ']') {
                return values;
            }
            if (c != ',') {
                throw new IllegalArgumentException("expected , or ]");
            }
        }
    }

    private void object() {
        expect('{');
        blanks();
        if (peek() == '}') {
            pos++;
            return;
        }
        while (true) {
            blanks();
            string();
            blanks();
            expect(':');
            value();
            blanks();
            char c = next();
            if (c == '}') {
                return;
            }
            if (c != ',') {
                throw new IllegalArgumentException("expected , or }");
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                throw new IllegalArgumentException("control character in string");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (pos + 4 > s.length()) {
                        throw new IllegalArgumentException("short \\u escape");
                    }
                    b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> throw new IllegalArgumentException("bad escape");
            }
        }
    }

    private void number() {
        int start = pos;
        if (pos < s.length() && s.charAt(pos) == '-') {
            pos++;
        }
        if (pos < s.length() && s.charAt(pos) == '0') {
            pos++;
        } else {
            digits();
        }
        if (pos < s.length() && s.charAt(pos) == '.') {
            pos++;
            digits();
        }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            pos++;
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                pos++;
            }
            digits();
        }
        if (pos == start) {
            throw new IllegalArgumentException("not a JSON value");
        }
    }

    private void digits() {
        int start = pos;
        while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == start) {
            throw new IllegalArgumentException("expected a digit");
        }
    }

    private void blanks() {
        while (pos < s.length() && " \t\n\r".indexOf(s.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private void expect(char c) {
        if (next() != c) {
            throw new IllegalArgumentException("expected " + c);
        }
    }

    private char peek() {
        if (pos >= s.length()) {
            throw new IllegalArgumentException("unexpected end");
        }
        return s.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }
}
