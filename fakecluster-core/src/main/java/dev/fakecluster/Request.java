package dev.fakecluster;

import java.util.Map;

/**
 * An HTTP request as a simulated container receives it (from a probe, and from traffic routed to
 * it): method, path with query, headers, body, and the name of the pod it reached.
 *
 * @param method the HTTP method
 * @param path the path and query, e.g. {@code /health}
 * @param headers request headers (first value per name)
 * @param body the body, empty when none
 * @param pod the pod that received the request
 * @since 0.1
 */
public record Request(String method, String path, Map<String, String> headers, String body, String pod) {

    public Request {
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }
}
