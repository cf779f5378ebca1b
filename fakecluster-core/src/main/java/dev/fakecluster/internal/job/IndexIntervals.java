package dev.fakecluster.internal.job;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A set of completion indexes held as ordered, non-touching intervals (indexed_job_utils.go's
 * orderedIntervals), written the way {@code status.completedIndexes} shows them: {@code "0-2,4"},
 * with two neighbours as {@code "5,6"}.
 *
 * @param intervals the intervals, in increasing order, none adjacent to the next
 */
record IndexIntervals(List<Interval> intervals) {

    static final IndexIntervals EMPTY = new IndexIntervals(List.of());

    /**
     * One run of consecutive indexes.
     *
     * @param first its lowest index
     * @param last its highest index
     */
    record Interval(int first, int last) {
    }

    IndexIntervals {
        intervals = List.copyOf(intervals);
    }

    /** Reads {@code text} ("1,3-5"), keeping only indexes below {@code completions}; bad pieces are skipped. */
    static IndexIntervals parse(String text, int completions) {
        List<Interval> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return EMPTY;
        }
        for (String piece : text.split(",")) {
            String[] limits = piece.split("-");
            try {
                int first = Integer.parseInt(limits[0]);
                if (first >= completions) {
                    break;
                }
                int last = limits.length > 1 ? Math.min(Integer.parseInt(limits[1]), completions - 1) : first;
                out.add(new Interval(first, last));
            } catch (NumberFormatException e) {
                // A corrupted interval is ignored, as upstream does.
            }
        }
        return EMPTY.merge(out);
    }

    /** These indexes plus {@code indexes}. */
    IndexIntervals with(Collection<Integer> indexes) {
        return merge(indexes.stream().map(i -> new Interval(i, i)).toList());
    }

    private IndexIntervals merge(List<Interval> more) {
        List<Interval> all = new ArrayList<>(intervals);
        all.addAll(more);
        all.sort(Comparator.comparingInt(Interval::first));
        List<Interval> out = new ArrayList<>();
        for (Interval next : all) {
            Interval last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last == null || next.first() > last.last() + 1) {
                out.add(next);
            } else if (next.last() > last.last()) {
                out.set(out.size() - 1, new Interval(last.first(), next.last()));
            }
        }
        return new IndexIntervals(out);
    }

    /** How many indexes there are. */
    int total() {
        return intervals.stream().mapToInt(i -> i.last() - i.first() + 1).sum();
    }

    boolean has(int index) {
        return intervals.stream().anyMatch(i -> i.first() <= index && index <= i.last());
    }

    /** The first {@code count} indexes below {@code completions} that are not in this set (firstPendingIndexes). */
    List<Integer> firstMissing(int count, int completions) {
        List<Integer> out = new ArrayList<>();
        int candidate = 0;
        for (Interval taken : intervals) {
            for (; candidate < completions && out.size() < count && candidate < taken.first(); candidate++) {
                out.add(candidate);
            }
            candidate = Math.max(candidate, taken.last() + 1);
        }
        for (; candidate < completions && out.size() < count; candidate++) {
            out.add(candidate);
        }
        return out;
    }

    /** The API form: {@code "0-2,4"}; empty when there are none. */
    String format() {
        StringBuilder out = new StringBuilder();
        for (Interval i : intervals) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(i.first());
            if (i.last() > i.first()) {
                out.append(i.last() == i.first() + 1 ? ',' : '-').append(i.last());
            }
        }
        return out.toString();
    }
}
