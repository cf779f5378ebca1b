package dev.fakecluster.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * One HTTP request as the handlers see it.
 *
 * @param method GET, POST, ...
 * @param segments the decoded path segments ({@code /api/v1/pods} gives {@code api, v1, pods})
 * @param url the full URL, for query parameters
 * @param headers the request headers
 * @param body the body bytes (empty when none)
 * @param bodyTruncated whether the body went over the server's limit and was cut
 */
record Request(String method, List<String> segments, HttpUrl url, Headers headers, byte[] body, boolean bodyTruncated,
        boolean http2) {

    static Request of(RecordedRequest r) {
        byte[] body = r.getBody() == null ? new byte[0] : r.getBody().toByteArray();
        List<String> segments = r.getUrl().pathSegments().stream().filter(s -> !s.isEmpty()).toList();
        return new Request(r.getMethod(), segments, r.getUrl(), r.getHeaders(), body, r.getBodySize() > body.length,
                r.getVersion().startsWith("HTTP/2"));
    }

    /** A query parameter, or null when absent or empty. */
    String query(String name) {
        String v = url.queryParameter(name);
        return v == null || v.isEmpty() ? null : v;
    }

    boolean flag(String name) {
        return "true".equalsIgnoreCase(url.queryParameter(name)) || "1".equals(url.queryParameter(name));
    }

    String header(String name) {
        String v = headers.get(name);
        return v == null ? "" : v;
    }

    /** The media type of the body, lower-case, without parameters. */
    String contentType() {
        String ct = header("Content-Type");
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Whether the client asks for a WebSocket upgrade. */
    boolean wantsWebSocket() {
        return header("Connection").toLowerCase(Locale.ROOT).contains("upgrade")
                && "websocket".equalsIgnoreCase(header("Upgrade"));
    }

    /**
     * Whether {@code Accept} lists protobuf and nothing else: the server answers in JSON only, which
     * such a client could not read (kubectl and client-go list {@code application/json} after protobuf).
     */
    boolean acceptsOnlyProtobuf() {
        String accept = header("Accept");
        return !accept.isBlank() && Arrays.stream(accept.split(","))
                .allMatch(range -> range.split(";")[0].trim().equalsIgnoreCase(ProtobufBodies.MEDIA_TYPE));
    }

    /** Whether {@code Accept} asks for a {@code meta.k8s.io} Table. */
    boolean wantsTable() {
        return header("Accept").contains("as=Table");
    }

    /** {@code ?dryRun=All}. */
    boolean dryRun() {
        return url.queryParameterValues("dryRun").contains("All");
    }
}
