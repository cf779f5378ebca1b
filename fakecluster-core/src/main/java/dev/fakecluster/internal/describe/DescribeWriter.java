package dev.fakecluster.internal.describe;

import java.util.ArrayList;
import java.util.List;

/**
 * kubectl describe's output stream: its prefix writer (two spaces per level) over Go's
 * {@code text/tabwriter} set up as {@code tabbedString} does (min width 0, padding 2, spaces).
 * Text is buffered until {@link #flush()}; tab-separated cells of consecutive lines then line up
 * in columns, each as wide as its widest cell plus two spaces.
 */
final class DescribeWriter {

    private static final int PADDING = 2;

    private final StringBuilder out = new StringBuilder();
    private final StringBuilder pending = new StringBuilder();

    /** Writes {@code text} (cells separated by tabs, lines ended by newlines) indented by {@code level}. */
    DescribeWriter write(int level, String text) {
        pending.append("  ".repeat(level)).append(text);
        return this;
    }

    /** Writes {@code key:\tvalue\n} at {@code level}: an aligned "Key:  value" line. */
    DescribeWriter line(int level, String key, Object value) {
        return write(level, key + ":\t" + value + "\n");
    }

    /** Ends the current column blocks: what follows is aligned on its own (kubectl flushes before Events). */
    void flush() {
        List<String[]> lines = new ArrayList<>();
        String text = pending.toString();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            lines.add(text.substring(start, end < 0 ? text.length() : end).split("\t", -1));
            start = end < 0 ? text.length() : end + 1;
        }
        boolean lastHasNewline = text.endsWith("\n");
        format(lines, 0, lines.size(), new ArrayList<>());
        if (!lastHasNewline && !lines.isEmpty()) {
            out.setLength(out.length() - 1);
        }
        pending.setLength(0);
    }

    /** Everything written, aligned. */
    String text() {
        flush();
        return out.toString();
    }

    /**
     * Go's tabwriter: a column block is a run of consecutive lines that all have a cell in that
     * column (the text after a line's last tab belongs to no column); blocks nest to the right.
     */
    private void format(List<String[]> lines, int line0, int line1, List<Integer> widths) {
        int column = widths.size();
        for (int i = line0; i < line1; i++) {
            if (column >= lines.get(i).length - 1) {
                continue;
            }
            writeLines(lines, line0, i, widths);
            line0 = i;
            int width = 0;
            for (; i < line1 && column < lines.get(i).length - 1; i++) {
                width = Math.max(width, width(lines.get(i)[column]) + PADDING);
            }
            widths.add(width);
            format(lines, line0, i, widths);
            widths.remove(widths.size() - 1);
            line0 = i;
        }
        writeLines(lines, line0, line1, widths);
    }

    private void writeLines(List<String[]> lines, int line0, int line1, List<Integer> widths) {
        for (int i = line0; i < line1; i++) {
            String[] cells = lines.get(i);
            for (int j = 0; j < cells.length; j++) {
                out.append(cells[j]);
                if (j < widths.size()) {
                    out.append(" ".repeat(widths.get(j) - width(cells[j])));
                }
            }
            out.append('\n');
        }
    }

    private static int width(String cell) {
        return cell.codePointCount(0, cell.length());
    }
}
