package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.store.StoredObject;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** Renders watch events, one JSON object per event: objects as served at the URL, or one-row Tables. */
final class WatchEvents {

    private final ResourcePath path;
    private final boolean table;
    private final Supplier<Instant> now;

    WatchEvents(ResourcePath path, boolean table, Supplier<Instant> now) {
        this.path = path;
        this.table = table;
        this.now = now;
    }

    /** {@code {"type":"ADDED","object":{...}}}, happening now. */
    String event(String type, StoredObject o) {
        return event(type, o, now());
    }

    /** {@code {"type":"ADDED","object":{...}}} of a change that happened {@code at} (what a Table row's ages count to). */
    String event(String type, StoredObject o, Instant at) {
        JsonNode object = Views.object(o, path.apiVersion());
        if (table) {
            ObjectNode meta = Json.object();
            meta.put("resourceVersion", Long.toString(o.resourceVersion()));
            object = Tables.table(path.kind(), List.of(object), at, meta);
        }
        return line(type, object);
    }

    /** The cluster's time. */
    Instant now() {
        return now.get();
    }

    /** An ERROR event carrying a Status (410 Expired for a start point older than the history). */
    String error(ApiException e) {
        return line("ERROR", Statuses.failure(e));
    }

    /** A BOOKMARK: only the resourceVersion means something; {@code initialEventsEnd} closes {@code sendInitialEvents}. */
    String bookmark(long resourceVersion, boolean initialEventsEnd) {
        ObjectNode o = Json.object();
        o.put("kind", path.kind().kind());
        o.put("apiVersion", path.apiVersion());
        ObjectNode meta = o.putObject("metadata");
        meta.put("resourceVersion", Long.toString(resourceVersion));
        if (initialEventsEnd) {
            meta.putObject("annotations").put("k8s.io/initial-events-end", "true");
        }
        return line("BOOKMARK", o);
    }

    private static String line(String type, JsonNode object) {
        ObjectNode e = Json.object();
        e.put("type", type);
        e.set("object", object);
        return Json.write(e);
    }
}
