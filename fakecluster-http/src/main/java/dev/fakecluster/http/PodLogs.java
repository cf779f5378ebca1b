package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import dev.fakecluster.internal.errors.Errors;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;

/**
 * The {@code pods/log} subresource ({@code kubectl logs}): what a simulated container printed, the
 * current instance's or with {@code previous=true} the one before, with {@code tailLines}; a pod of
 * several containers needs {@code container}, as the API server demands.
 */
final class PodLogs {

    private final Cluster cluster;

    PodLogs(Cluster cluster) {
        this.cluster = cluster;
    }

    MockResponse serve(Request request, ResourcePath path) {
        if (!request.method().equals("GET")) {
            throw Statuses.methodNotAllowed(request.method(), "pods/log");
        }
        Resource pod = cluster.get("pods", path.namespace(), path.name())
                .orElseThrow(() -> Errors.notFound(path.kind(), path.name()));
        List<String> names = new ArrayList<>();
        for (JsonNode c : pod.json().path("spec").path("containers")) {
            names.add(c.path("name").asText());
        }
        String container = request.query("container");
        if (container == null) {
            if (names.size() > 1) {
                throw Statuses.badRequest("a container name must be specified for pod " + path.name()
                        + ", choose one of: [" + String.join(" ", names) + "]");
            }
            container = names.isEmpty() ? null : names.get(0);
        } else if (!names.contains(container) && pod.json().path("spec").path("initContainers").findValuesAsText("name")
                .stream().noneMatch(container::equals)) {
            throw Statuses.badRequest("container " + container + " is not valid for pod " + path.name());
        }
        String text = cluster.logs(path.namespace(), path.name(), container, request.flag("previous"));
        String tail = request.query("tailLines");
        if (tail != null) {
            List<String> lines = text.lines().toList();
            int keep = Math.max(0, Integer.parseInt(tail));
            List<String> last = lines.subList(Math.max(0, lines.size() - keep), lines.size());
            text = last.isEmpty() ? "" : String.join("\n", last) + "\n";
        }
        return Replies.text(200, text);
    }
}
