package dev.fakecluster.internal.runtime;

import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.store.Change;
import dev.fakecluster.internal.store.ClusterState;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * A controller with a work queue of keys, like client-go's workqueue: changes queue the keys they
 * affect (duplicates collapse), {@link #reconcile} syncs each queued key once, and a sync can ask
 * to be woken again at a virtual instant ({@link #requeueAt}), the way {@code AddAfter} works.
 */
public abstract class QueueController implements Controller {

    /** A sync that keeps queueing its own key at the same instant is a bug: fail instead of spinning. */
    private static final int MAX_SYNCS_PER_KEY = 10_000;

    private final VirtualClock clock;
    private final Set<String> queue = new LinkedHashSet<>();
    /** Keys whose timers fired; filled on the clock's thread, drained by the run loop. */
    private final ConcurrentLinkedQueue<String> woken = new ConcurrentLinkedQueue<>();
    /** The earliest pending wake-up per key, so repeated requests do not pile up timers. */
    private final Map<String, Instant> wakeups = new ConcurrentHashMap<>();

    protected QueueController(VirtualClock clock) {
        this.clock = clock;
    }

    /** Queues the keys {@code change} affects. */
    protected abstract void keysFor(Change change, Consumer<String> enqueue);

    /** Queues every key that exists in {@code state} (after the history was compacted past this controller). */
    protected abstract void allKeys(ClusterState state, Consumer<String> enqueue);

    /** Brings the object behind {@code key} to its desired state. */
    protected abstract void sync(String key);

    @Override
    public final void observe(Change change) {
        keysFor(change, queue::add);
    }

    @Override
    public final void resync(ClusterState state) {
        queue.clear();
        allKeys(state, queue::add);
        rebuild(state);
    }

    /** Rebuilds any cache the controller keeps from a full snapshot; most keep none. */
    protected void rebuild(ClusterState state) {
    }

    @Override
    public void reconcile() {
        String k;
        while ((k = woken.poll()) != null) {
            queue.add(k);
        }
        Map<String, Integer> syncs = new java.util.HashMap<>();
        while (!queue.isEmpty()) {
            var it = queue.iterator();
            String key = it.next();
            it.remove();
            if (syncs.merge(key, 1, Integer::sum) > MAX_SYNCS_PER_KEY) {
                throw new IllegalStateException(getClass().getSimpleName() + " keeps requeueing " + key
                        + " without time passing");
            }
            sync(key);
        }
    }

    /** Queues {@code key} now (from within a sync: it runs again in this reconcile). */
    protected final void enqueue(String key) {
        queue.add(key);
    }

    /** Syncs {@code key} again when the clock reaches {@code at}. */
    protected final void requeueAt(Instant at, String key) {
        Instant now = clock.now();
        if (!at.isAfter(now)) {
            queue.add(key);
            return;
        }
        Instant pending = wakeups.get(key);
        if (pending != null && !pending.isAfter(at) && pending.isAfter(now)) {
            return;
        }
        wakeups.put(key, at);
        clock.schedule(at, () -> {
            wakeups.remove(key, at);
            woken.add(key);
        });
    }

    /** Queues {@code key} from any thread; it is synced on the run loop's next round. */
    protected final void wake(String key) {
        woken.add(key);
    }

    protected final Instant now() {
        return clock.now();
    }

    protected final VirtualClock clock() {
        return clock;
    }
}
