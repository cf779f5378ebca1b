package dev.fakecluster.internal.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one pod asks of its node, read once from the Pod object.
 *
 * <p>Requests follow {@code resourcehelper.PodRequests}: the larger of the app containers' sum and
 * the largest init container (restartable "sidecar" init containers add to both), plus
 * {@code spec.overhead}. The non-zero variant counts 100m cpu and 200Mi memory for every container
 * that does not name them; only scoring uses it.
 *
 * @param requests the requests the filter checks
 * @param nonZeroMilliCpu cpu requests with the non-zero default
 * @param nonZeroMemory memory requests with the non-zero default
 * @param hostPorts the host ports it binds
 * @param namespace its namespace
 * @param labels its labels
 * @param terminating whether it has a deletionTimestamp
 */
record PodDemand(Resources requests, long nonZeroMilliCpu, long nonZeroMemory, List<HostPort> hostPorts,
        String namespace, Map<String, String> labels, boolean terminating) {

    static final long DEFAULT_MILLI_CPU_REQUEST = 100;
    static final long DEFAULT_MEMORY_REQUEST = 200L * 1024 * 1024;

    PodDemand {
        hostPorts = List.copyOf(hostPorts);
        labels = Map.copyOf(labels);
    }

    /** Reads the pod. */
    static PodDemand of(JsonNode pod) {
        Resources nonZero = requests(pod, true);
        JsonNode deletion = Json.at(pod, "metadata", "deletionTimestamp");
        return new PodDemand(requests(pod, false), nonZero.milliCpu(), nonZero.memory(), HostPort.of(pod),
                Objects.requireNonNullElse(Json.text(pod, "metadata", "namespace"), ""),
                Json.stringMap(pod, "metadata", "labels"),
                deletion != null && !deletion.isNull());
    }

    private static Resources requests(JsonNode pod, boolean nonZero) {
        Resources app = Resources.NONE;
        for (JsonNode c : Json.arrayAt(pod, "spec", "containers")) {
            app = app.plus(containerRequests(c, nonZero));
        }
        Resources sidecars = Resources.NONE;
        Resources init = Resources.NONE;
        for (JsonNode c : Json.arrayAt(pod, "spec", "initContainers")) {
            Resources r = containerRequests(c, nonZero);
            if ("Always".equals(c.path("restartPolicy").asText())) {
                app = app.plus(r);
                sidecars = sidecars.plus(r);
                init = init.max(sidecars);
            } else {
                init = init.max(r.plus(sidecars));
            }
        }
        return app.max(init).plus(Resources.of(Json.at(pod, "spec", "overhead")));
    }

    private static Resources containerRequests(JsonNode container, boolean nonZero) {
        JsonNode list = Json.at(container, "resources", "requests");
        Resources r = Resources.of(list);
        return nonZero ? r.withDefaults(list, DEFAULT_MILLI_CPU_REQUEST, DEFAULT_MEMORY_REQUEST) : r;
    }
}
