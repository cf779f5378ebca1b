package dev.fakecluster.internal.store;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The single source of truth: one immutable {@link ClusterState} behind one atomic reference.
 *
 * <p>Implementation note. A write reads the current snapshot, computes the next state with a pure
 * function and publishes it by compare-and-set; if another writer won the race, it recomputes from
 * the newer snapshot and tries again. No locks: readers never wait, and writers only ever redo
 * their own (cheap, in-memory) computation. Because the function may run more than once it must
 * have no side effects: it reads nothing but the snapshot and values computed beforehand (time,
 * random names), and signals nothing. Watchers learn of commits afterwards by reading the history
 * kept inside the state, so a slow watcher can never hold up a writer.
 */
public final class Store {

    private final AtomicReference<ClusterState> state;

    public Store(ClusterState initial) {
        this.state = new AtomicReference<>(initial);
    }

    /** The current snapshot; never blocks. */
    public ClusterState state() {
        return state.get();
    }

    /**
     * Commits the result of {@code transaction}, retrying on contention. The transaction returns
     * the new state and a value; it may throw (typically an {@code ApiException}) to abort, in
     * which case nothing is committed.
     */
    public <T> T commit(Function<ClusterState, Outcome<T>> transaction) {
        while (true) {
            ClusterState before = state.get();
            Outcome<T> outcome = transaction.apply(before);
            if (outcome.state() == before || state.compareAndSet(before, outcome.state())) {
                return outcome.value();
            }
        }
    }

    /**
     * What a transaction produced.
     *
     * @param state the state to publish (the input state itself for "no change")
     * @param value what the caller gets back
     * @param <T> the value type
     */
    public record Outcome<T>(ClusterState state, T value) {
    }
}
