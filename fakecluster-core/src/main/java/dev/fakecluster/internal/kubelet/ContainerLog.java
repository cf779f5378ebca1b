package dev.fakecluster.internal.kubelet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One container instance's output, of which the last {@link #MAX_LINES} lines are kept — the
 * kubelet rotates container logs by size (10 MiB by default) for the same reason: a long run
 * stays flat. Lines may be added from any thread (a request arriving on a real socket logs too);
 * each carries its number, so a follower ({@code kubectl logs -f}) knows which lines are new.
 */
final class ContainerLog {

    static final int MAX_LINES = 10_000;

    private record Line(long number, String text) {
    }

    private final ConcurrentLinkedDeque<Line> lines = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong written = new AtomicLong();

    void add(String line) {
        lines.addLast(new Line(written.incrementAndGet(), line));
        if (size.incrementAndGet() > MAX_LINES && lines.pollFirst() != null) {
            size.decrementAndGet();
        }
    }

    /** The kept lines numbered above {@code after} (0: all kept), and the number of the last one. */
    Kubelet.LogTail after(long after) {
        List<String> out = new ArrayList<>();
        long last = after;
        var newestFirst = lines.descendingIterator();
        while (newestFirst.hasNext()) {
            Line l = newestFirst.next();
            if (l.number() <= after) {
                break;
            }
            out.add(l.text());
            last = Math.max(last, l.number());
        }
        java.util.Collections.reverse(out);
        return new Kubelet.LogTail(out, last);
    }
}
