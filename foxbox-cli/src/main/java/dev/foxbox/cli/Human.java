package dev.foxbox.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Sizes and ages in the words docker uses ("5.41MB", "3 minutes ago"). */
final class Human {

    private Human() {}

    /** Decimal units with three significant digits, as docker's HumanSize. */
    static String size(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        String number = unit == 0 ? Long.toString(bytes) : String.format(Locale.ROOT, "%.3g", value);
        if (number.contains(".")) {
            number = number.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return number + units[unit];
    }

    /** "About a minute ago", "3 hours ago"; "N/A" when unknown. */
    static String ago(Instant then, Instant now) {
        if (then == null) {
            return "N/A";
        }
        return duration(Duration.between(then, now)) + " ago";
    }

    static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 1) {
            return "Less than a second";
        }
        if (s == 1) {
            return "1 second";
        }
        if (s < 60) {
            return s + " seconds";
        }
        long m = s / 60;
        if (m == 1) {
            return "About a minute";
        }
        if (m < 60) {
            return m + " minutes";
        }
        long h = Math.round(s / 3600.0);
        if (h == 1) {
            return "About an hour";
        }
        if (h < 48) {
            return h + " hours";
        }
        long days = s / 86400;
        if (days < 14) {
            return days + " days";
        }
        if (days < 60) {
            return days / 7 + " weeks";
        }
        if (days < 365 * 2) {
            return days / 30 + " months";
        }
        return days / 365 + " years";
    }
}
