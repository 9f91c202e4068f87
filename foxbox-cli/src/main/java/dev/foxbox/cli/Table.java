package dev.foxbox.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table as docker prints them: upper-case headers, columns three spaces apart. */
final class Table {

    private final List<String[]> rows = new ArrayList<>();

    Table(String... headers) {
        rows.add(headers);
    }

    Table row(String... cells) {
        rows.add(cells);
        return this;
    }

    void print(PrintWriter out) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(row[i]);
                if (i < columns - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 3));
                }
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }
}
