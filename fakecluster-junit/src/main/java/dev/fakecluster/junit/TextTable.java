package dev.fakecluster.junit;

import java.util.List;

/** Rows of cells printed as kubectl prints a table. */
final class TextTable {

    private TextTable() {
    }

    /** Left-aligned columns three spaces apart, the last one unpadded; the first row is the header. */
    static String align(List<List<String>> rows) {
        int[] widths = new int[rows.stream().mapToInt(List::size).max().orElse(0)];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                out.append(cell);
                if (i < row.size() - 1) {
                    out.append(" ".repeat(widths[i] - cell.length() + 3));
                }
            }
            out.append('\n');
        }
        return out.toString();
    }
}
