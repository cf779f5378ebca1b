package dev.fakecluster;

import dev.fakecluster.internal.printers.Age;
import java.time.Duration;
import java.time.Instant;

/**
 * Thrown by {@link Cluster#advanceUntil} when its condition still fails once the time limit has
 * passed on the cluster's clock.
 *
 * @since 0.1
 */
public final class ConditionTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Duration limit;
    private final Instant gaveUpAt;

    ConditionTimeoutException(Duration limit, Instant from, Instant gaveUpAt) {
        super("Condition still false after " + Age.human(limit) + " of cluster time (from " + from + " to "
                + gaveUpAt + ")");
        this.limit = limit;
        this.gaveUpAt = gaveUpAt;
    }

    /** How much cluster time the condition was given. */
    public Duration limit() {
        return limit;
    }

    /** The cluster time at which the wait gave up: the start plus {@link #limit()} (in real-time mode, or just past it). */
    public Instant gaveUpAt() {
        return gaveUpAt;
    }
}
