package dev.foxbox.image.json;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * RFC 3339 times as image configs and box records write them ({@code 2024-05-01T12:00:00.5Z}),
 * read and written the way {@link OffsetDateTime#parse} and {@link Instant#toString} do, without
 * java.time's formatter machinery: setting that up is a few milliseconds of every short command,
 * and a box start reads and writes a time or two. (Nor its calendar classes: dates are counted
 * here, in the proleptic Gregorian calendar as java.time counts them.) Anything unusual goes to
 * java.time itself.
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
        long days = Math.floorDiv(time.getEpochSecond(), 86_400);
        int secondOfDay = (int) Math.floorMod(time.getEpochSecond(), 86_400);
        // The civil date of a day count (H. Hinnant's algorithm): eras of 400 years from 0000-03-01.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        int dayOfEra = (int) (z - era * 146_097);
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int shifted = (5 * dayOfYear + 2) / 153; // months from March
        int day = dayOfYear - (153 * shifted + 2) / 5 + 1;
        int month = shifted < 10 ? shifted + 3 : shifted - 9;
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        StringBuilder s = new StringBuilder(30);
        digits(s, year, 4).append('-');
        digits(s, month, 2).append('-');
        digits(s, day, 2).append('T');
        digits(s, secondOfDay / 3600, 2).append(':');
        digits(s, secondOfDay / 60 % 60, 2).append(':');
        digits(s, secondOfDay % 60, 2);
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
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null; // java.time's parser says what is wrong
        }
        long seconds = daysSinceEpoch(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
        return Instant.ofEpochSecond(seconds - offsetSeconds, nano);
    }

    private static int daysIn(int year, int month) {
        if (month == 2) {
            return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /** Days from 1970-01-01 to a date (H. Hinnant's algorithm: eras of 400 years from 0000-03-01). */
    private static long daysSinceEpoch(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
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
