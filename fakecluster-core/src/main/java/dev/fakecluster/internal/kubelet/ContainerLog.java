package dev.fakecluster.internal.kubelet;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One container instance's output, of which the last {@link #MAX_LINES} lines are kept — the
 * kubelet rotates container logs by size (10 MiB by default) for the same reason: a long run
 * stays flat. Lines may be added from any thread (a request arriving on a real socket logs too).
 */
final class ContainerLog {

    static final int MAX_LINES = 10_000;

    private final ConcurrentLinkedDeque<String> lines = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();

    void add(String line) {
        lines.addLast(line);
        if (size.incrementAndGet() > MAX_LINES && lines.pollFirst() != null) {
            size.decrementAndGet();
        }
    }

    List<String> lines() {
        return List.copyOf(lines);
    }
}
