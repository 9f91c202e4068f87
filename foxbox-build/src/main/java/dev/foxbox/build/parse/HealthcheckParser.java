package dev.foxbox.build.parse;

import static dev.foxbox.build.parse.Flags.Kind.STRING;

import dev.foxbox.build.foxfile.Command;
import dev.foxbox.build.foxfile.Healthcheck;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** {@code HEALTHCHECK NONE} and {@code HEALTHCHECK [flags] CMD command}, with docker's checks on the flags. */
final class HealthcheckParser {

    private static final Map<String, Flags.Kind> FLAGS = Map.of("interval", STRING, "timeout", STRING,
            "start-period", STRING, "start-interval", STRING, "retries", STRING);
    /** docker's container.MinimumDuration. */
    private static final Duration MINIMUM = Duration.ofMillis(1);

    private HealthcheckParser() {
    }

    static Healthcheck parse(Args a, Function<Args, Command> commands) {
        Flags flags = Flags.parse(a.line(), "HEALTHCHECK", FLAGS, a.requireSome().flags());
        String text = a.line().text();
        int typeEnd = a.from();
        while (typeEnd < a.to() && !Word.isBlank(text.charAt(typeEnd))) {
            typeEnd++;
        }
        String type = text.substring(a.from(), typeEnd).toUpperCase(Locale.ROOT);
        Args rest = a.narrow(typeEnd, a.to());
        if (type.equals("NONE")) {
            if (!rest.isEmpty()) {
                throw a.line().error(rest.from(), "HEALTHCHECK NONE takes no arguments");
            }
            return new Healthcheck(true, null, null, null, null, null, null, a.line().location(a.keywordOffset()));
        }
        if (!type.equals("CMD")) {
            throw a.line().error(a.from(), "unknown type \"" + text.substring(a.from(), typeEnd)
                    + "\" in HEALTHCHECK (try CMD)");
        }
        Command command = rest.isEmpty() ? null : commands.apply(rest);
        if (command == null || (command instanceof Command.Exec exec && exec.args().isEmpty())) {
            throw a.line().error(a.from(), "missing command after HEALTHCHECK CMD");
        }
        return new Healthcheck(false, command, duration(a, flags, "interval"), duration(a, flags, "timeout"),
                duration(a, flags, "start-period"), duration(a, flags, "start-interval"), retries(a, flags),
                a.line().location(a.keywordOffset()));
    }

    private static Duration duration(Args a, Flags flags, String name) {
        String value = flags.string(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        Duration d;
        try {
            d = GoDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw a.line().error(flags.offset(name), "--" + name + ": " + e.getMessage()
                    + " (write a Go duration such as 30s, 1m30s or 500ms)");
        }
        if (d.compareTo(MINIMUM) < 0) {
            throw a.line().error(flags.offset(name), "--" + name + " cannot be less than 1ms");
        }
        return d;
    }

    private static Integer retries(Args a, Flags flags) {
        String value = flags.string("retries");
        if (value == null || value.isEmpty()) {
            return null;
        }
        long retries;
        try {
            retries = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw a.line().error(flags.offset("retries"), "--retries: invalid number \"" + value + "\"");
        }
        if (retries < 1 || retries > Integer.MAX_VALUE) {
            throw a.line().error(flags.offset("retries"), "--retries must be at least 1 (not " + value + ")");
        }
        return (int) retries;
    }
}
