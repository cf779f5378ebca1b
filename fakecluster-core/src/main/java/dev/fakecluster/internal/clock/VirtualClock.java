package dev.fakecluster.internal.clock;

import dev.fakecluster.internal.persistent.PersistentSortedMap;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The cluster's clock and timer queue. In virtual mode time stands still until {@link #advanceTo}
 * moves it; in real-time mode it follows the wall clock, optionally sped up, and
 * {@link #advanceTo} jumps ahead on top of that.
 *
 * <p>Timers fire in time order; timers due at the same instant fire in the order they were set.
 * State (time offset and timers) is one immutable value behind a compare-and-set reference, like
 * the store: no locks.
 */
public final class VirtualClock {

    private final AtomicReference<State> state;
    private final boolean realTime;
    private final double scale;
    private final long wallStartNanos;

    private record State(Instant base, PersistentSortedMap<TimerKey, Runnable> timers, long nextSeq) {
    }

    /** A timer's position in the queue: due time, then insertion order. */
    public record TimerKey(Instant at, long seq) implements Comparable<TimerKey> {
        @Override
        public int compareTo(TimerKey o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private VirtualClock(Instant start, boolean realTime, double scale) {
        this.state = new AtomicReference<>(new State(start, PersistentSortedMap.empty(), 0));
        this.realTime = realTime;
        this.scale = scale;
        this.wallStartNanos = System.nanoTime();
    }

    /** A clock that stands still at {@code start} until advanced. */
    public static VirtualClock virtual(Instant start) {
        return new VirtualClock(start, false, 1);
    }

    /** A clock that runs from {@code start} at {@code scale} times the wall clock's speed. */
    public static VirtualClock realTime(Instant start, double scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("time scale must be positive, was " + scale);
        }
        return new VirtualClock(start, true, scale);
    }

    public boolean isRealTime() {
        return realTime;
    }

    public Instant now() {
        Instant base = state.get().base();
        if (!realTime) {
            return base;
        }
        long elapsed = (long) ((System.nanoTime() - wallStartNanos) * scale);
        return base.plusNanos(elapsed);
    }

    /** Runs {@code task} when the clock reaches {@code at} (at once on the next poll if already past). */
    public TimerKey schedule(Instant at, Runnable task) {
        State s = state.updateAndGet(
                st -> new State(st.base(), st.timers().plus(new TimerKey(at, st.nextSeq()), task), st.nextSeq() + 1));
        return new TimerKey(at, s.nextSeq() - 1);
    }

    /** Runs {@code task} after {@code delay} of cluster time. */
    public TimerKey scheduleAfter(Duration delay, Runnable task) {
        return schedule(now().plus(delay), task);
    }

    public void cancel(TimerKey key) {
        state.updateAndGet(st -> new State(st.base(), st.timers().minus(key), st.nextSeq()));
    }

    /** When the earliest pending timer is due, or null when none is pending. */
    public Instant nextDue() {
        var timers = state.get().timers();
        return timers.isEmpty() ? null : timers.firstKey().at();
    }

    /** Number of pending timers. */
    public int pendingTimers() {
        return state.get().timers().size();
    }

    /**
     * Removes and returns the earliest timer due at or before {@code limit}, first moving the clock
     * to its due time (never backwards); null when none is due.
     */
    public Runnable pollDue(Instant limit) {
        while (true) {
            State s = state.get();
            if (s.timers().isEmpty()) {
                return null;
            }
            TimerKey first = s.timers().firstKey();
            Instant now = now();
            if (first.at().isAfter(limit) || (realTime && first.at().isAfter(now))) {
                return null;
            }
            Instant base = realTime || !first.at().isAfter(s.base()) ? s.base() : first.at();
            State next = new State(base, s.timers().minus(first), s.nextSeq());
            if (state.compareAndSet(s, next)) {
                return s.timers().get(first);
            }
        }
    }

    /** Moves virtual time forward to {@code target} (no-op if already there); fires nothing by itself. */
    public void advanceTo(Instant target) {
        state.updateAndGet(s -> target.isAfter(s.base()) ? new State(target, s.timers(), s.nextSeq()) : s);
    }

    /** Shifts the clock forward by {@code d} at once (used in real-time mode). */
    public void shift(Duration d) {
        state.updateAndGet(s -> new State(s.base().plus(d), s.timers(), s.nextSeq()));
    }
}
