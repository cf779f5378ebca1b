package dev.fakecluster.internal.daemonset;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The back-off between deletions of failed daemon pods on one node (client-go's
 * {@code flowcontrol.Backoff} as kube-controller-manager configures it: 1 s doubling to 15 min,
 * forgotten after twice the maximum without a failure).
 */
final class FailedPodBackoff {

    private static final Duration INITIAL = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofMinutes(15);

    private record Entry(Duration backoff, Instant lastUpdate) {

        boolean expired(Instant now) {
            return Duration.between(lastUpdate, now).compareTo(MAX.multipliedBy(2)) > 0;
        }
    }

    private final Map<String, Entry> entries = new HashMap<>();

    /** Whether less than the current back-off has passed since the last failure of {@code id}. */
    boolean inBackoff(String id, Instant now) {
        Entry e = entries.get(id);
        return e != null && !e.expired(now) && Duration.between(e.lastUpdate, now).compareTo(e.backoff) < 0;
    }

    /** The current back-off of {@code id}. */
    Duration delay(String id) {
        return entries.get(id).backoff();
    }

    /** Records a failure: the back-off starts at 1 s, or doubles (capped) after a recent one. */
    void next(String id, Instant now) {
        entries.values().removeIf(e -> e.expired(now));
        Entry e = entries.get(id);
        Duration backoff = e == null ? INITIAL : min(e.backoff.multipliedBy(2), MAX);
        entries.put(id, new Entry(backoff, now));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
