package dev.fakecluster.internal.runtime;

import dev.fakecluster.internal.store.Change;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.Store;
import dev.fakecluster.internal.store.WatchHub;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Drives the controllers to quiescence and then delivers watch events.
 *
 * <p>Each controller has a cursor into the state's change history. A round feeds every controller
 * the changes past its cursor and lets it reconcile; rounds repeat until one commits nothing. Only
 * one thread runs the loop at a time: a caller that finds another thread in it waits its turn, so
 * every caller, whatever its thread, sees every zero-time consequence of its call before the call
 * returns. A call from inside the loop (a watch listener that writes) only has the running thread
 * go round again.
 */
public final class RunLoop {

    /** A bound on rounds that turns controllers fighting each other into an error, not a hang. */
    private static final int MAX_ROUNDS = 100_000;

    private final Store store;
    private final WatchHub watches;
    private final List<Controller> controllers;
    private final long[] cursors;
    private final ReentrantLock running = new ReentrantLock();
    /** Set by a call from inside the loop; only the thread holding {@link #running} touches it. */
    private boolean again;

    public RunLoop(Store store, WatchHub watches, List<Controller> controllers) {
        this.store = store;
        this.watches = watches;
        this.controllers = List.copyOf(controllers);
        this.cursors = new long[controllers.size()];
        long start = store.state().resourceVersion();
        java.util.Arrays.fill(cursors, start);
    }

    /** Runs controllers until nothing changes, then delivers pending watch events. */
    public void run() {
        if (running.isHeldByCurrentThread()) {
            again = true;
            return;
        }
        running.lock();
        try {
            do {
                again = false;
                settle();
                watches.deliverPending();
            } while (again);
        } finally {
            running.unlock();
        }
    }

    private void settle() {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            long before = store.state().resourceVersion();
            boolean saw = false;
            for (int i = 0; i < controllers.size(); i++) {
                Controller c = controllers.get(i);
                ClusterState s = store.state();
                if (cursors[i] < s.compactedThrough()) {
                    c.resync(s);
                    saw = true;
                } else {
                    for (Change change : s.changesAfter(cursors[i])) {
                        c.observe(change);
                        saw = true;
                    }
                }
                cursors[i] = s.resourceVersion();
                c.reconcile();
            }
            if (!saw && store.state().resourceVersion() == before) {
                return;
            }
        }
        throw new IllegalStateException("controllers did not settle after " + MAX_ROUNDS
                + " rounds: two controllers keep changing the same objects");
    }
}
