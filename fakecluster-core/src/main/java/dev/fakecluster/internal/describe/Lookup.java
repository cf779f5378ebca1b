package dev.fakecluster.internal.describe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.printers.Age;
import dev.fakecluster.internal.store.StoredObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a describer may read besides its object: other objects, as kubectl's describers fetch them
 * with extra requests, and the time ages are measured against.
 *
 * @param api the API server
 * @param now the cluster's time
 */
record Lookup(ApiServer api, Instant now) {

    /** Objects of a resource in a namespace (null: all) matching label and field selectors (null: any), in list order. */
    List<JsonNode> list(String resource, String namespace, String labelSelector, String fieldSelector) {
        return api.list(api.resolveKind(resource), namespace, labelSelector, fieldSelector).items().stream()
                .map(o -> (JsonNode) o.json()).toList();
    }

    Optional<JsonNode> get(String resource, String namespace, String name) {
        return api.get(api.resolveKind(resource), namespace, name).map(StoredObject::json);
    }

    /** kubectl's translateTimestampSince: the age of a timestamp, {@code <unknown>} when there is none. */
    String age(String timestamp) {
        return timestamp == null || timestamp.isEmpty() ? "<unknown>"
                : Age.human(Duration.between(Instant.parse(timestamp), now));
    }
}
