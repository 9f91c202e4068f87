package dev.foxbox.image.json;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * RFC 3339 times as image configs and box records write them ({@code 2024-05-01T12:00:00.5Z}),
 * read and written the way {@link OffsetDateTime#parse} and {@link Instant#toString} do, without
 * java.time's formatter machinery: setting that up is a few milliseconds of every short command,
 * and a box start reads and writes a time or two. Anything unusual goes to java.time itself.
 */
public final class Timestamps {

    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: four-digit years, written here; others by java.time. */
    private static final long YEAR_0 = -62_167_219_200L;
    private static final long YEAR_9999_END = 253_402_300_799L;

    private Timestamps() {}

    /** {@code YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)}, as {@code OffsetDateTime.parse(text).toInstant()}. */
    public static Instant parse(String text) {
        Instant quick = quickParse(text);
        return quick != null ? quick : OffsetDateTime.parse(text).toInstant();
    }

    /** The same text as {@link Instant#toString()}: seconds always, the fraction in groups of three digits. */
    public static String format(Instant time) {
        if (time.getEpochSecond() < YEAR_0 || time.getEpochSecond() > YEAR_9999_END) {
            return time.toString();
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(time.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder s = new StringBuilder(30);
        digits(s, t.getYear(), 4).append('-');
        digits(s, t.getMonthValue(), 2).append('-');
        digits(s, t.getDayOfMonth(), 2).append('T');
        digits(s, t.getHour(), 2).append(':');
        digits(s, t.getMinute(), 2).append(':');
        digits(s, t.getSecond(), 2);
        int nano = time.getNano();
        if (nano > 0) {
            s.append('.');
            if (nano % 1_000_000 == 0) {
                digits(s, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                digits(s, nano / 1000, 6);
            } else {
                digits(s, nano, 9);
            }
        }
        return s.append('Z').toString();
    }

    private static Instant quickParse(String t) {
        if (t.length() < 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
                || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return null;
        }
        int year = number(t, 0, 4);
        int month = number(t, 5, 7);
        int day = number(t, 8, 10);
        int hour = number(t, 11, 13);
        int minute = number(t, 14, 16);
        int second = number(t, 17, 19);
        int at = 19;
        int nano = 0;
        if (t.charAt(at) == '.') {
            int start = ++at;
            while (at < t.length() && t.charAt(at) >= '0' && t.charAt(at) <= '9') {
                at++;
            }
            if (at == start || at - start > 9) {
                return null;
            }
            nano = number(t, start, at);
            for (int i = at - start; i < 9; i++) {
                nano *= 10;
            }
        }
        int offsetSeconds;
        if (at == t.length() - 1 && t.charAt(at) == 'Z') {
            offsetSeconds = 0;
        } else if (at == t.length() - 6 && (t.charAt(at) == '+' || t.charAt(at) == '-') && t.charAt(at + 3) == ':') {
            int hours = number(t, at + 1, at + 3);
            int minutes = number(t, at + 4, at + 6);
            if (hours < 0 || minutes < 0 || hours > 18 || minutes > 59) {
                return null;
            }
            offsetSeconds = (t.charAt(at) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        } else {
            return null;
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nano);
            return Instant.ofEpochSecond(local.toEpochSecond(ZoneOffset.UTC) - offsetSeconds, nano);
        } catch (java.time.DateTimeException e) {
            return null; // java.time's parser says what is wrong
        }
    }

    /** The decimal number in {@code t[from, to)}, or -1 if those are not all digits. */
    private static int number(String t, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static StringBuilder digits(StringBuilder s, int value, int width) {
        String text = Integer.toString(value);
        for (int i = text.length(); i < width; i++) {
            s.append('0');
        }
        return s.append(text);
    }
}
