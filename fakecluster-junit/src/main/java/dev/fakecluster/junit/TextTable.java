package dev.fakecluster.junit;

import java.util.List;

/** Rows of cells printed as kubectl prints a table. */
final class TextTable {

    private TextTable() {
    }

    /**
     * A kubectl table split into rows of cells, the header first. kubectl pads cells with at least
     * three spaces and writes no empty cell ({@code <none>} instead), so three spaces split a line.
     */
    static List<String[]> cells(String table) {
        return table.lines().map(l -> l.split(" {3,}")).toList();
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
