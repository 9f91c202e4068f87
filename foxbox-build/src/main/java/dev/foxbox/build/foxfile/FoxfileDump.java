package dev.foxbox.build.foxfile;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stable, readable text form of a parsed Foxfile, one instruction a line: what the golden parser
 * tests compare, and what a developer reads to see how foxbox understood a Foxfile.
 *
 * <pre>
 * global 1:1 ARG declarations=[{name="GO" defaultValue="1.22"}]
 * stage 0 builder
 *   2:1 FROM image="golang:${GO}" stageName="builder"
 *   3:1 RUN command=shell "go build ./..." mounts=["type=cache,target=/root/.cache"]
 * </pre>
 *
 * Each instruction's fields are printed in the record's order; fields that are null, empty or
 * false are left out. Strings are quoted with Java escapes, so blanks and newlines show.
 */
public final class FoxfileDump {

    private FoxfileDump() {
    }

    public static String dump(Foxfile foxfile) {
        StringBuilder out = new StringBuilder();
        if (foxfile.escape() != '\\') {
            out.append("escape ").append(foxfile.escape()).append('\n');
        }
        if (foxfile.syntax() != null) {
            out.append("syntax ").append(quote(foxfile.syntax())).append('\n');
        }
        for (String w : foxfile.warnings()) {
            out.append("warning ").append(w).append('\n');
        }
        for (Arg a : foxfile.globalArgs()) {
            out.append("global ").append(instruction(a)).append('\n');
        }
        for (Stage s : foxfile.stages()) {
            out.append("stage ").append(s.index());
            if (s.name() != null) {
                out.append(' ').append(s.name());
            }
            out.append('\n');
            out.append("  ").append(instruction(s.from())).append('\n');
            for (Instruction i : s.instructions()) {
                out.append("  ").append(instruction(i)).append('\n');
            }
        }
        return out.toString();
    }

    /** One instruction: {@code line:col KEYWORD field=value ...}. */
    public static String instruction(Instruction i) {
        return i.location().line() + ":" + i.location().column() + " " + fields(i);
    }

    /** An instruction without its place in the file: {@code KEYWORD field=value ...}; the build cache keys on it. */
    public static String fields(Instruction i) {
        StringBuilder b = new StringBuilder(i.keyword());
        for (RecordComponent c : i.getClass().getRecordComponents()) {
            if (c.getName().equals("location")) {
                continue;
            }
            Object v = component((Record) i, c);
            if (v == null || Boolean.FALSE.equals(v) || (v instanceof List<?> l && l.isEmpty())) {
                continue;
            }
            b.append(' ').append(c.getName()).append('=').append(value(v));
        }
        return b.toString();
    }

    private static String value(Object v) {
        if (v instanceof String s) {
            return quote(s);
        }
        if (v instanceof Command.Exec e) {
            return "exec" + value(e.args());
        }
        if (v instanceof Command.Shell s) {
            return "shell " + quote(s.script());
        }
        if (v instanceof Instruction i) {
            return "{" + fields(i) + "}";
        }
        if (v instanceof Duration d) {
            return goDuration(d);
        }
        if (v instanceof Map.Entry<?, ?> e) {
            return value(e.getKey()) + "=" + value(e.getValue());
        }
        if (v instanceof List<?> l) {
            List<String> items = new ArrayList<>();
            l.forEach(x -> items.add(value(x)));
            return "[" + String.join(", ", items) + "]";
        }
        if (v instanceof Record r) {
            List<String> items = new ArrayList<>();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                Object x = component(r, c);
                if (x != null && !Boolean.FALSE.equals(x) && !Integer.valueOf(0).equals(x)) {
                    items.add(c.getName() + "=" + value(x));
                }
            }
            return "{" + String.join(" ", items) + "}";
        }
        return String.valueOf(v);
    }

    private static Object component(Record r, RecordComponent c) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
        }
    }

    /** Go's form of a duration, as docker prints HEALTHCHECK's: {@code 1m30s}, {@code 500ms}, {@code 1h0m0s}. */
    static String goDuration(Duration d) {
        long n = d.toNanos();
        if (n == 0) {
            return "0s";
        }
        String sign = n < 0 ? "-" : "";
        long a = Math.abs(n);
        if (a < 1_000) {
            return sign + a + "ns";
        }
        if (a < 1_000_000) {
            return sign + decimal(a, 1_000) + "\u00b5s";
        }
        if (a < 1_000_000_000) {
            return sign + decimal(a, 1_000_000) + "ms";
        }
        long hours = a / 3_600_000_000_000L;
        long minutes = a / 60_000_000_000L % 60;
        String seconds = decimal(a % 60_000_000_000L, 1_000_000_000) + "s";
        if (hours > 0) {
            return sign + hours + "h" + minutes + "m" + seconds;
        }
        return sign + (minutes > 0 ? minutes + "m" : "") + seconds;
    }

    private static String decimal(long value, long unit) {
        String fraction = String.format("%0" + Long.toString(unit).length() + "d", value % unit).substring(1)
                .replaceAll("0+$", "");
        return value / unit + (fraction.isEmpty() ? "" : "." + fraction);
    }

    /** A string in double quotes with Java's escapes for quotes, backslashes and control characters. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
