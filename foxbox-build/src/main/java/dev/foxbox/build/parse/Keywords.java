package dev.foxbox.build.parse;

import java.util.List;
import java.util.Locale;

/** The instruction names docker knows, and the "did you mean" for a misspelt one. */
final class Keywords {

    static final List<String> ALL = List.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM",
            "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR");

    private Keywords() {
    }

    /** docker's message for an unknown instruction, with a suggestion when one is close (as BuildKit suggests). */
    static String unknown(String written) {
        String upper = written.toUpperCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : ALL) {
            int d = distance(upper, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        String message = "unknown instruction: " + written;
        if (!written.isEmpty() && bestDistance <= Math.min(2, Math.max(1, upper.length() / 2))) {
            message += " (did you mean " + best + "?)";
        }
        return message;
    }

    /** Levenshtein distance, where swapping two neighbours costs one (FORM is one from FROM). */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
