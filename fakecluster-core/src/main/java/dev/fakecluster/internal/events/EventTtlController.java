package dev.fakecluster.internal.events;

import dev.fakecluster.ApiException;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.apiserver.DeleteOptions;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.runtime.QueueController;
import dev.fakecluster.internal.store.Change;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Removes Events an hour after their last occurrence, as the API server's {@code --event-ttl}
 * (default 1 h) does through etcd leases, so a long-running cluster does not keep every Event.
 */
public final class EventTtlController extends QueueController {

    /** The API server's default {@code --event-ttl}. */
    static final Duration TTL = Duration.ofHours(1);

    private final ApiServer api;
    private final KindInfo eventKind;

    public EventTtlController(ApiServer api, VirtualClock clock) {
        super(clock);
        this.api = api;
        this.eventKind = api.resolveKind("events");
    }

    @Override
    protected void keysFor(Change change, Consumer<String> enqueue) {
        if (change.type() != Change.Type.DELETED && change.object().resource().equals(eventKind.resource())) {
            enqueue.accept(change.object().key());
        }
    }

    @Override
    protected void allKeys(ClusterState state, Consumer<String> enqueue) {
        state.list(eventKind.resource(), null).forEach(e -> enqueue.accept(e.key()));
    }

    @Override
    protected void sync(String key) {
        StoredObject event = api.state().get(key);
        if (event == null) {
            return;
        }
        String last = Json.text(event.json(), "lastTimestamp");
        Instant expires = (last != null ? Instant.parse(last) : Instant.parse(
                Json.text(event.json(), "metadata", "creationTimestamp"))).plus(TTL);
        if (expires.isAfter(now())) {
            requeueAt(expires, key);
            return;
        }
        try {
            api.delete(eventKind, event.namespace(), event.name(), DeleteOptions.defaults());
        } catch (ApiException e) {
            if (!"NotFound".equals(e.reason())) {
                throw e;
            }
        }
    }
}
