package dev.foxbox.registry.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The small part of TOML that a registries file uses: {@code # comments}, {@code [[table]]}
 * headers, and {@code key = value} lines whose value is a string ("basic" or 'literal'), a
 * boolean, or an array of strings (which may span lines). Turns text into a list of
 * {@link Line}s, each with its line number, for {@link RegistriesConfig} to interpret.
 */
final class TomlSubset {

    /** A table header ({@code key} is the table's name, value null) or a key/value pair. */
    record Line(int number, boolean header, String key, Object value) {}

    private final String file;
    private final String text;
    private int pos;
    private int line = 1;

    private TomlSubset(String file, String text) {
        this.file = file;
        this.text = text;
    }

    static List<Line> parse(String file, String text) throws ConfigException {
        return new TomlSubset(file, text).lines();
    }

    private List<Line> lines() throws ConfigException {
        List<Line> out = new ArrayList<>();
        while (true) {
            skipBlankAndComments();
            if (pos >= text.length()) {
                return out;
            }
            int start = line;
            if (text.startsWith("[[", pos)) {
                int end = text.indexOf("]]", pos);
                int eol = endOfLine();
                if (end < 0 || end > eol) {
                    throw error(start, "a table header must end with ]]");
                }
                String name = text.substring(pos + 2, end).strip();
                if (!name.matches("[A-Za-z0-9_.-]+")) {
                    throw error(start, "invalid table name '" + name + "'");
                }
                pos = end + 2;
                out.add(new Line(start, true, name, null));
            } else if (text.charAt(pos) == '[') {
                throw error(start, "only [[array]] tables are used in this file");
            } else {
                String key = key();
                skipSpaces();
                if (pos >= text.length() || text.charAt(pos) != '=') {
                    throw error(start, "expected '=' after '" + key + "'");
                }
                pos++;
                skipSpaces();
                out.add(new Line(start, false, key, value()));
            }
            endLine();
        }
    }

    private String key() throws ConfigException {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || "-_".indexOf(text.charAt(pos)) >= 0)) {
            pos++;
        }
        if (start == pos) {
            throw error(line, "expected a key, found '" + text.charAt(pos) + "'");
        }
        return text.substring(start, pos);
    }

    private Object value() throws ConfigException {
        if (pos >= text.length()) {
            throw error(line, "a value is missing");
        }
        char c = text.charAt(pos);
        if (c == '"' || c == '\'') {
            return string();
        }
        if (c == '[') {
            pos++;
            List<String> items = new ArrayList<>();
            while (true) {
                skipBlankAndComments();
                if (pos >= text.length()) {
                    throw error(line, "an array is not closed with ]");
                }
                if (text.charAt(pos) == ']') {
                    pos++;
                    return List.copyOf(items);
                }
                if (text.charAt(pos) != '"' && text.charAt(pos) != '\'') {
                    throw error(line, "arrays hold strings only");
                }
                items.add(string());
                skipBlankAndComments();
                if (pos < text.length() && text.charAt(pos) == ',') {
                    pos++;
                } else if (pos >= text.length() || text.charAt(pos) != ']') {
                    throw error(line, "expected ',' or ']' in an array");
                }
            }
        }
        for (String word : List.of("true", "false")) {
            if (text.startsWith(word, pos)) {
                pos += word.length();
                return Boolean.valueOf(word);
            }
        }
        throw error(line, "a value must be a \"string\", true, false or [\"an\", \"array\"]");
    }

    private String string() throws ConfigException {
        char quote = text.charAt(pos++);
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length() || text.charAt(pos) == '\n') {
                throw error(line, "a string is not closed");
            }
            char c = text.charAt(pos++);
            if (c == quote) {
                return out.toString();
            }
            if (c == '\\' && quote == '"') {
                if (pos >= text.length()) {
                    throw error(line, "a string is not closed");
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error(line, "invalid \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error(line, "invalid \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw error(line, "unknown escape \\" + e);
                }
            } else {
                out.append(c);
            }
        }
    }

    /** After a header or a value only spaces and a comment may follow on the line. */
    private void endLine() throws ConfigException {
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == '#') {
            pos = endOfLine();
        }
        if (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
            throw error(line, "unexpected '" + text.substring(pos, endOfLine()).strip() + "' at the end of the line");
        }
    }

    private void skipSpaces() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private void skipBlankAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '#') {
                pos = endOfLine();
            } else {
                return;
            }
        }
    }

    private int endOfLine() {
        int eol = text.indexOf('\n', pos);
        return eol < 0 ? text.length() : eol;
    }

    private ConfigException error(int lineNumber, String message) {
        return new ConfigException(file + ":" + lineNumber + ": " + message);
    }
}
