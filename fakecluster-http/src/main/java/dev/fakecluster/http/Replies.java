package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.internal.json.Json;
import mockwebserver3.MockResponse;

/** Builds the responses: JSON bodies with a code and content type. */
final class Replies {

    static final String JSON = "application/json";

    private Replies() {
    }

    static MockResponse json(int code, JsonNode body) {
        return json(code, body, JSON);
    }

    static MockResponse json(int code, JsonNode body, String contentType) {
        return json(code, Json.write(body), contentType);
    }

    /** A JSON body already written. */
    static MockResponse json(int code, String body) {
        return json(code, body, JSON);
    }

    private static MockResponse json(int code, String body, String contentType) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", contentType)
                .setHeader("Cache-Control", "no-cache, private")
                .body(body + "\n")
                .build();
    }

    static MockResponse text(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "text/plain; charset=utf-8").body(body)
                .build();
    }

    /** A failure Status; one that suggests a retry also says so in {@code Retry-After}, as the API server does. */
    static MockResponse error(ApiException e) {
        MockResponse reply = json(e.code(), Statuses.failure(e));
        if (e instanceof ReadFailure f && f.retryAfterSeconds() > 0) {
            return reply.newBuilder().setHeader("Retry-After", f.retryAfterSeconds()).build();
        }
        return reply;
    }
}
