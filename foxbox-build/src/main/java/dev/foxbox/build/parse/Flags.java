package dev.foxbox.build.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An instruction's {@code --flags}, read as docker reads them: every instruction may start with
 * words that begin with {@code --} (quotes and backslashes in them are processed; a lone
 * {@code --} ends them), and each instruction then accepts only its own flags. An unknown flag,
 * a repeated one or one without its value is an error naming the flag.
 */
final class Flags {

    /** How a flag takes its value. */
    enum Kind { STRING, BOOL, LIST }

    /** The flags found, and where the instruction's other arguments begin. */
    record Extracted(List<Word> flags, int rest) {
    }

    private final Map<String, String> strings = new HashMap<>();
    private final Map<String, Boolean> bools = new HashMap<>();
    private final Map<String, List<String>> lists = new HashMap<>();
    private final Map<String, Integer> offsets = new HashMap<>();

    private Flags() {
    }

    /** Takes the leading {@code --flag} words off {@code line[from, to)}. */
    static Extracted extract(String line, int from, int to) {
        List<Word> flags = new ArrayList<>();
        int pos = from;
        while (true) {
            while (pos < to && Word.isBlank(line.charAt(pos))) {
                pos++;
            }
            if (pos + 1 >= to || line.charAt(pos) != '-' || line.charAt(pos + 1) != '-') {
                return new Extracted(flags, pos);
            }
            int start = pos;
            StringBuilder word = new StringBuilder();
            char quote = 0;
            for (; pos < to; pos++) {
                char ch = line.charAt(pos);
                if (quote == 0 && Word.isBlank(ch)) {
                    break;
                }
                if (quote == 0 && (ch == '\'' || ch == '"')) {
                    quote = ch;
                    continue;
                }
                if (quote != 0 && ch == quote) {
                    quote = 0;
                    continue;
                }
                if (ch == '\\') {
                    if (pos + 1 == to) {
                        continue;
                    }
                    ch = line.charAt(++pos);
                }
                word.append(ch);
            }
            if (word.toString().equals("--")) {
                return new Extracted(flags, pos);
            }
            flags.add(new Word(word.toString(), start));
        }
    }

    /**
     * Checks {@code found} against the flags {@code instruction} accepts.
     *
     * @throws dev.foxbox.build.foxfile.FoxfileException naming the flag and what is wrong with it
     */
    static Flags parse(LogicalLine line, String instruction, Map<String, Kind> accepted, List<Word> found) {
        Flags flags = new Flags();
        for (Word w : found) {
            String arg = w.text().substring(2);
            int eq = arg.indexOf('=');
            String name = eq >= 0 ? arg.substring(0, eq) : arg;
            String value = eq >= 0 ? arg.substring(eq + 1) : null;
            Kind kind = accepted.get(name);
            if (kind == null) {
                throw line.error(w.offset(), "unknown flag: --" + name + " (" + instruction + " "
                        + describe(accepted) + ")");
            }
            if (kind != Kind.LIST && flags.offsets.containsKey(name)) {
                throw line.error(w.offset(), "duplicate flag specified: --" + name);
            }
            flags.offsets.put(name, w.offset());
            switch (kind) {
                case BOOL -> {
                    String v = value == null ? "true" : value.toLowerCase(Locale.ROOT);
                    if (!v.equals("true") && !v.equals("false")) {
                        throw line.error(w.offset(), "expecting boolean value for flag --" + name + ", not: "
                                + value);
                    }
                    flags.bools.put(name, v.equals("true"));
                }
                case STRING, LIST -> {
                    if (value == null) {
                        throw line.error(w.offset(), "missing a value on flag: --" + name);
                    }
                    if (kind == Kind.STRING) {
                        flags.strings.put(name, value);
                    } else {
                        flags.lists.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                    }
                }
                default -> throw new IllegalStateException(kind.toString());
            }
        }
        return flags;
    }

    private static String describe(Map<String, Kind> accepted) {
        if (accepted.isEmpty()) {
            return "takes no flags";
        }
        return "accepts " + accepted.keySet().stream().sorted().map(n -> "--" + n).collect(Collectors.joining(", "));
    }

    String string(String name) {
        return strings.get(name);
    }

    boolean bool(String name) {
        return bools.getOrDefault(name, false);
    }

    List<String> list(String name) {
        return List.copyOf(lists.getOrDefault(name, List.of()));
    }

    /** Where the flag was written, for errors about its value; -1 when it was not given. */
    int offset(String name) {
        return offsets.getOrDefault(name, -1);
    }
}
