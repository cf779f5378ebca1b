package dev.fakecluster;

import java.util.Map;

/**
 * An HTTP answer: what a simulated container's behaviour returns, and what {@link ClusterHttp}
 * hands back, then naming the pod that answered.
 *
 * @param status the status code
 * @param headers response headers
 * @param body the body
 * @param pod the name of the pod that answered a routed request; null on a reply a behaviour builds
 * @since 0.1
 */
public record Reply(int status, Map<String, String> headers, String body, String pod) {

    public Reply {
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    /** A reply from a behaviour, which need not say which pod it is. */
    public Reply(int status, Map<String, String> headers, String body) {
        this(status, headers, body, null);
    }

    /** A reply with a status and a plain-text body. */
    public static Reply of(int status, String body) {
        return new Reply(status, Map.of("Content-Type", "text/plain; charset=utf-8"), body);
    }
}
