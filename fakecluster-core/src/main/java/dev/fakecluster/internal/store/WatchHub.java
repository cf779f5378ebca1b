package dev.fakecluster.internal.store;

import dev.fakecluster.ApiException;
import dev.fakecluster.internal.errors.Errors;
import dev.fakecluster.internal.persistent.PersistentSortedMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Fans committed changes out to watch subscriptions.
 *
 * <p>Writers never deliver: a commit only extends the history inside the state. Delivery happens
 * when someone calls {@link #deliverPending()} (the cluster does after every operation). Each
 * subscription drains the history from its own cursor, serialised by a work-in-progress counter:
 * the thread that raises it from zero delivers, any other thread just leaves a note that more is
 * pending and returns at once. So events reach a listener in resourceVersion order, none missed and
 * none repeated, one at a time, and a slow listener only ever slows down the thread delivering to it.
 */
public final class WatchHub {

    private final Store store;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicReference<PersistentSortedMap<Long, Subscription>> subscriptions =
            new AtomicReference<>(PersistentSortedMap.empty());

    public WatchHub(Store store) {
        this.store = store;
    }

    /** Receives the events of one subscription. */
    public interface Listener {
        /** One event; {@code object} is the object after the change (DELETED: its last state). */
        void onEvent(Change.Type type, StoredObject object);

        /** The subscription fell too far behind the history and was closed; the watcher must re-list. */
        default void onExpired(ApiException error) {
        }
    }

    /**
     * Subscribes to the changes after {@code fromResourceVersion} of objects whose key starts with
     * {@code keyPrefix} and that {@code filter} accepts. An object that starts to match is reported
     * as ADDED and one that stops matching as DELETED, as the API server's watch cache does.
     *
     * @throws ApiException Expired (410) when the history no longer reaches back to the start point
     */
    public Subscription subscribe(String keyPrefix, Predicate<StoredObject> filter, long fromResourceVersion,
            Listener listener) {
        ClusterState s = store.state();
        if (fromResourceVersion < s.compactedThrough()) {
            throw tooOld(fromResourceVersion, s);
        }
        Subscription sub = new Subscription(ids.incrementAndGet(), keyPrefix, filter, fromResourceVersion, listener);
        subscriptions.updateAndGet(m -> m.plus(sub.id, sub));
        return sub;
    }

    /** Delivers every committed change to every subscription that has not seen it yet. */
    public void deliverPending() {
        for (Map.Entry<Long, Subscription> e : subscriptions.get()) {
            e.getValue().drain();
        }
    }

    /** Number of open subscriptions. */
    public int size() {
        return subscriptions.get().size();
    }

    private static ApiException tooOld(long from, ClusterState s) {
        return Errors.expired("too old resource version: " + from + " (" + (s.compactedThrough() + 1) + ")");
    }

    /** One open watch. */
    public final class Subscription implements AutoCloseable {
        private final long id;
        private final String keyPrefix;
        private final Predicate<StoredObject> filter;
        private final Listener listener;
        private final AtomicInteger wip = new AtomicInteger();
        private final AtomicBoolean closed = new AtomicBoolean();
        private long cursor;

        Subscription(long id, String keyPrefix, Predicate<StoredObject> filter, long from, Listener listener) {
            this.id = id;
            this.keyPrefix = keyPrefix;
            this.filter = filter;
            this.cursor = from;
            this.listener = listener;
        }

        void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            RuntimeException failure = null;
            do {
                try {
                    deliverFromCursor();
                } catch (RuntimeException e) {
                    // A listener that throws loses its subscription; the error reaches the caller.
                    close();
                    failure = e;
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
            if (failure != null) {
                throw failure;
            }
        }

        private void deliverFromCursor() {
            if (closed.get()) {
                return;
            }
            ClusterState s = store.state();
            if (cursor < s.compactedThrough()) {
                ApiException error = tooOld(cursor, s);
                close();
                listener.onExpired(error);
                return;
            }
            for (Change c : s.changesAfter(cursor)) {
                if (closed.get()) {
                    return;
                }
                cursor = c.resourceVersion();
                if (c.object().key().startsWith(keyPrefix)) {
                    deliver(c);
                }
            }
        }

        private void deliver(Change c) {
            boolean now = c.type() != Change.Type.DELETED && filter.test(c.object());
            boolean before = c.previous() != null && filter.test(c.previous());
            if (c.type() == Change.Type.DELETED) {
                if (before) {
                    listener.onEvent(Change.Type.DELETED, c.object());
                }
            } else if (now && before) {
                listener.onEvent(Change.Type.MODIFIED, c.object());
            } else if (now) {
                listener.onEvent(Change.Type.ADDED, c.object());
            } else if (before) {
                listener.onEvent(Change.Type.DELETED, c.object());
            }
        }

        /** The resourceVersion of the last change this subscription has looked at. */
        public long cursor() {
            return cursor;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                subscriptions.updateAndGet(m -> m.minus(id));
            }
        }
    }
}
