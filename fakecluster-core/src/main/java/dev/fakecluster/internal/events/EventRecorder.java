package dev.fakecluster.internal.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.store.StoredObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes core/v1 Events the way client-go's recorder does: one Event per distinct
 * (object, type, reason, message, source), named {@code <object>.<hex nanos>}; a repeat bumps
 * {@code count} and {@code lastTimestamp} on the existing one instead of creating another.
 */
public final class EventRecorder {

    /** client-go keeps this many distinct events in its aggregation cache. */
    private static final int CACHE_SIZE = 4096;

    private final ApiServer api;
    private final VirtualClock clock;
    private final KindInfo eventKind;
    /** The last nanosecond stamp handed out: names stay unique when events share a virtual instant. */
    private final AtomicLong lastNanos = new AtomicLong(Long.MIN_VALUE);
    private final Map<String, String> seen = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public EventRecorder(ApiServer api, VirtualClock clock) {
        this.api = api;
        this.clock = clock;
        this.eventKind = api.resolveKind("events");
    }

    /** Records a {@code Normal} event from a controller component. */
    public void normal(StoredObject about, String component, String reason, String message) {
        record(about, null, "Normal", reason, message, component, null);
    }

    /** Records a {@code Warning} event from a controller component. */
    public void warning(StoredObject about, String component, String reason, String message) {
        record(about, null, "Warning", reason, message, component, null);
    }

    /**
     * Records an event about {@code about} (a container of it when {@code fieldPath} is set, e.g.
     * {@code spec.containers{app}}), from {@code component} running on {@code host} (null unless a kubelet).
     */
    public void record(StoredObject about, String fieldPath, String type, String reason, String message,
            String component, String host) {
        Instant now = clock.now();
        String namespace = about.namespace().isEmpty() ? "default" : about.namespace();
        String identity = String.join("\u0000", about.uid(), String.valueOf(fieldPath), type, reason, message, component,
                String.valueOf(host));
        String existing = seen.get(identity);
        if (existing != null && bump(namespace, existing, now)) {
            return;
        }
        String name = about.name() + "." + Long.toHexString(uniqueNanos(now));
        ObjectNode event = Json.object().put("apiVersion", "v1").put("kind", "Event");
        event.putObject("metadata").put("name", name).put("namespace", namespace);
        ObjectNode involved = event.putObject("involvedObject");
        JsonNode json = about.json();
        involved.put("kind", Json.text(json, "kind")).put("namespace", about.namespace().isEmpty() ? null : namespace)
                .put("name", about.name()).put("uid", about.uid()).put("apiVersion", Json.text(json, "apiVersion"))
                .put("resourceVersion", Long.toString(about.resourceVersion()));
        if (about.namespace().isEmpty()) {
            involved.remove("namespace");
        }
        if (fieldPath != null) {
            involved.put("fieldPath", fieldPath);
        }
        event.put("reason", reason).put("message", message);
        ObjectNode source = event.putObject("source").put("component", component);
        if (host != null) {
            source.put("host", host);
        }
        event.put("firstTimestamp", Json.time(now)).put("lastTimestamp", Json.time(now)).put("count", 1)
                .put("type", type).putNull("eventTime").put("reportingComponent", component)
                .put("reportingInstance", host == null ? "" : host);
        try {
            api.create(event, namespace, false);
            seen.put(identity, name);
        } catch (ApiException e) {
            // The namespace is going away: real recorders drop the event too.
            if (!"Forbidden".equals(e.reason()) && !"NotFound".equals(e.reason())) {
                throw e;
            }
        }
    }

    private boolean bump(String namespace, String name, Instant now) {
        StoredObject updated = api.mutate(eventKind, namespace, name, e -> {
            e.put("count", e.path("count").asInt(1) + 1);
            e.put("lastTimestamp", Json.time(now));
            return e;
        });
        return updated != null;
    }

    /** Nanoseconds since the epoch of {@code now}, made strictly increasing across calls. */
    private long uniqueNanos(Instant now) {
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        return lastNanos.accumulateAndGet(nanos, (last, n) -> Math.max(last + 1, n));
    }
}
