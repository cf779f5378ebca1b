package dev.fakecluster.internal.runtime;

import dev.fakecluster.internal.store.Change;
import dev.fakecluster.internal.store.ClusterState;

/**
 * A control loop. The run loop shows it every committed change in resourceVersion order
 * ({@link #observe}), then lets it act ({@link #reconcile}); it writes through the API server like
 * any client. Controllers run one at a time, on the thread that drives the run loop.
 */
public interface Controller {

    /** Notes a committed change (typically: queue the keys it affects). Must not write. */
    void observe(Change change);

    /** Acts on what was queued. */
    void reconcile();

    /** The history no longer reaches back to this controller's position: rebuild the queue from a snapshot. */
    void resync(ClusterState state);
}
