package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.Cluster;
import dev.fakecluster.ConnectionFailedException;
import dev.fakecluster.Reply;
import dev.fakecluster.Resource;
import dev.fakecluster.internal.json.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;

/**
 * The admin API under {@code /fakecluster/v1/}, for what Kubernetes has no verb for: the clock,
 * powering nodes off and on, adding nodes, image pulls, and requests sent through a Service.
 * JSON in, JSON out; errors are {@code Status} objects like the rest of the server's.
 *
 * <pre>
 * GET  /fakecluster/v1/clock                          {"now": "2026-01-01T00:00:00Z"}
 * POST /fakecluster/v1/clock/advance?seconds=N        {"now": ...}
 * POST /fakecluster/v1/nodes                          {"name": "node4"}  → the Node (201)
 * POST /fakecluster/v1/nodes/{name}/kill | restore    → the Node
 * POST /fakecluster/v1/images                         {"image": "web:2", "pullable": false}
 * POST /fakecluster/v1/services/{ns}/{name}/request   {"method", "path", "headers", "body", "port"}
 *                                                     → {"status", "pod", "headers", "body"}
 * </pre>
 */
final class Admin {

    /** One advance moves the clock at most a year: every timer on the way fires on the request's thread. */
    private static final long MAX_ADVANCE_SECONDS = 365L * 24 * 3600;

    private final Cluster cluster;

    Admin(Cluster cluster) {
        this.cluster = cluster;
    }

    /** Handles {@code /fakecluster/v1/...}; {@code s} are the path segments after {@code fakecluster}. */
    MockResponse handle(Request request, List<String> s) {
        if (s.isEmpty() || !s.get(0).equals("v1")) {
            throw Statuses.pathNotFound();
        }
        List<String> p = s.subList(1, s.size());
        if (p.equals(List.of("clock"))) {
            return verb(request, "GET", () -> clock());
        }
        if (p.equals(List.of("clock", "advance"))) {
            return verb(request, "POST", () -> advance(request));
        }
        if (p.equals(List.of("nodes"))) {
            return verb(request, "POST", () -> Replies.json(201, cluster.addNode(text(body(request), "name")).resource().json()));
        }
        if (p.size() == 3 && p.get(0).equals("nodes") && (p.get(2).equals("kill") || p.get(2).equals("restore"))) {
            return verb(request, "POST", () -> power(p.get(1), p.get(2)));
        }
        if (p.equals(List.of("images"))) {
            return verb(request, "POST", () -> images(request));
        }
        if (p.size() == 4 && p.get(0).equals("services") && p.get(3).equals("request")) {
            return verb(request, "POST", () -> send(request, p.get(1), p.get(2)));
        }
        throw Statuses.pathNotFound();
    }

    private static MockResponse verb(Request request, String method, java.util.function.Supplier<MockResponse> action) {
        if (!request.method().equals(method)) {
            throw Statuses.methodNotAllowed(request.method().toLowerCase(java.util.Locale.ROOT), "fakecluster");
        }
        return action.get();
    }

    private MockResponse clock() {
        return Replies.json(200, Json.object().put("now", cluster.now().toString()));
    }

    private MockResponse advance(Request request) {
        String seconds = request.query("seconds");
        double value;
        try {
            value = seconds == null ? Double.NaN : Double.parseDouble(seconds);
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!(value >= 0) || value > MAX_ADVANCE_SECONDS) {
            throw Statuses.badRequest("seconds: a number of seconds from 0 to " + MAX_ADVANCE_SECONDS + " (a year) is required, got "
                    + (seconds == null ? "none" : seconds));
        }
        cluster.advance(Duration.ofNanos(Math.round(value * 1e9)));
        return clock();
    }

    private MockResponse power(String name, String action) {
        var node = cluster.node(name);
        Resource after = (action.equals("kill") ? node.kill() : node.restore()).resource();
        return Replies.json(200, after.json());
    }

    private MockResponse images(Request request) {
        JsonNode body = body(request);
        String image = text(body, "image");
        if (!body.path("pullable").isBoolean()) {
            throw Statuses.badRequest("pullable: true or false is required");
        }
        cluster.setImagePullable(image, body.path("pullable").asBoolean());
        return Replies.json(200, Json.object().put("image", image).put("pullable", body.path("pullable").asBoolean()));
    }

    private MockResponse send(Request request, String namespace, String name) {
        Resource service = cluster.get("services", namespace, name)
                .orElseThrow(() -> new ApiException("NotFound", 404, "services \"" + name + "\" not found",
                        new ApiException.Details(name, "", "services", List.of())));
        JsonNode body = body(request);
        int port = body.path("port").asInt(service.json().path("spec").path("ports").path(0).path("port").asInt(80));
        if (port < 1 || port > 65535) {
            throw Statuses.badRequest("port: a port from 1 to 65535 is required, got " + body.path("port"));
        }
        String path = body.path("path").asText("/");
        Map<String, String> headers = new LinkedHashMap<>();
        body.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        String url = "http://" + name + "." + namespace + ":" + port + (path.startsWith("/") ? path : "/" + path);
        Reply reply;
        try {
            reply = cluster.http().inNamespace(namespace).send(body.path("method").asText("GET"), url, headers,
                    body.path("body").asText(""));
        } catch (ConnectionFailedException e) {
            throw new ApiException("ServiceUnavailable", 503, e.getMessage(),
                    new ApiException.Details(name, "", "services", List.of()));
        } catch (IllegalArgumentException e) {
            throw Statuses.badRequest(e.getMessage());
        }
        ObjectNode out = Json.object().put("status", reply.status()).put("pod", reply.pod());
        ObjectNode h = out.putObject("headers");
        reply.headers().forEach(h::put);
        out.put("body", reply.body());
        return Replies.json(200, out);
    }

    private static JsonNode body(Request request) {
        if (request.body().length == 0) {
            return Json.object();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(request.body());
            if (!node.isObject()) {
                throw Statuses.badRequest("the body must be a JSON object");
            }
            return node;
        } catch (java.io.IOException e) {
            throw Statuses.badRequest("the body is not valid JSON: " + e.getMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        String v = body.path(field).asText("");
        if (v.isEmpty()) {
            throw Statuses.badRequest(field + ": required");
        }
        return v;
    }
}
