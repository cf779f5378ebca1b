package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A small OkHttp client for the tests: one call, its status, content type and JSON body. */
final class Http {

    static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
    static final String AGGREGATED = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
            + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

    final OkHttpClient client = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).build();
    private final String base;

    Http(String base) {
        this.base = base;
    }

    /**
     * One answer.
     *
     * @param code the HTTP status
     * @param contentType the Content-Type header
     * @param text the body
     */
    record Reply(int code, String contentType, String text) {
        JsonNode json() {
            return Bodies.json(text);
        }
    }

    Reply get(String path) {
        return call("GET", path, null, null, null);
    }

    Reply get(String path, String accept) {
        return call("GET", path, accept, null, null);
    }

    Reply post(String path, String json) {
        return call("POST", path, null, "application/json", json);
    }

    Reply put(String path, String json) {
        return call("PUT", path, null, "application/json", json);
    }

    Reply patch(String path, String contentType, String body) {
        return call("PATCH", path, null, contentType, body);
    }

    Reply delete(String path, String json) {
        return call("DELETE", path, null, "application/json", json);
    }

    Reply call(String method, String path, String accept, String contentType, String body) {
        return call(method, path, accept, body == null ? null : RequestBody.create(body, MediaType.get(contentType)));
    }

    /** A call with a binary body (protobuf). */
    Reply send(String method, String path, String accept, String contentType, byte[] body) {
        return call(method, path, accept, RequestBody.create(body, MediaType.get(contentType)));
    }

    private Reply call(String method, String path, String accept, RequestBody requestBody) {
        okhttp3.Request.Builder b = new okhttp3.Request.Builder().url(base + path);
        if (accept != null) {
            b.header("Accept", accept);
        }
        b.method(method, requestBody);
        try (Response r = client.newCall(b.build()).execute()) {
            return new Reply(r.code(), r.header("Content-Type", ""), r.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String json(JsonNode n) {
        return Json.write(n);
    }
}
