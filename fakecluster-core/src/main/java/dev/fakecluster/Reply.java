package dev.fakecluster;

import java.util.Map;

/**
 * An HTTP answer from a simulated container.
 *
 * @param status the status code
 * @param headers response headers
 * @param body the body
 * @since 0.1
 */
public record Reply(int status, Map<String, String> headers, String body) {

    public Reply {
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    /** A reply with a status and a plain-text body. */
    public static Reply of(int status, String body) {
        return new Reply(status, Map.of("Content-Type", "text/plain; charset=utf-8"), body);
    }
}
