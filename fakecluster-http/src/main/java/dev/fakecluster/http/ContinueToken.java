package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A list's {@code continue} token, encoded as the API server encodes it: base64url (no padding) of
 * {@code {"v":"meta.k8s.io/v1","rv":N,"start":"<key after the list's prefix>"}}.
 *
 * @param resourceVersion the resourceVersion the list is pinned to; negative for "the latest", as in
 *     the token a 410 hands out to continue inconsistently
 * @param startKey the storage key the next page starts at (inclusive)
 */
record ContinueToken(long resourceVersion, String startKey) {

    private static final String VERSION = "meta.k8s.io/v1";
    private static final String INVALID = "continue key is not valid";

    /** The token for the page after the one ending at {@code lastKey}. */
    static ContinueToken after(long resourceVersion, String lastKey) {
        return new ContinueToken(resourceVersion, lastKey + "\u0000");
    }

    /** The token, with the start key relative to {@code prefix}, the list's key prefix. */
    String encode(String prefix) {
        ObjectNode n = Json.object();
        n.put("v", VERSION);
        n.put("rv", resourceVersion);
        n.put("start", startKey.substring(prefix.length()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(n).getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a token for a list whose keys start with {@code prefix}; 400 with the API server's words when it is not one. */
    static ContinueToken decode(String token, String prefix) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(token));
        } catch (IOException | IllegalArgumentException e) {
            throw invalid(INVALID);
        }
        if (n == null || !n.isObject() || !n.path("rv").canConvertToLong()) {
            throw invalid(INVALID);
        }
        if (!VERSION.equals(n.path("v").asText())) {
            throw invalid(INVALID + ": server does not recognize this encoded version " + n.path("v").asText());
        }
        if (n.path("rv").asLong() == 0) {
            throw invalid(INVALID + ": incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        }
        String start = n.path("start").asText();
        if (start.isEmpty()) {
            throw invalid(INVALID + ": encoded start key empty (version meta.k8s.io/v1)");
        }
        if (!clean(start)) {
            throw invalid(INVALID + ": " + start);
        }
        return new ContinueToken(n.path("rv").asLong(), prefix + (start.startsWith("/") ? start.substring(1) : start));
    }

    /**
     * Whether the start key is already a clean path (no empty, {@code .} or {@code ..} segments),
     * the API server's guard against a token that climbs out of the list's prefix.
     */
    private static boolean clean(String start) {
        String[] segments = (start.startsWith("/") ? start.substring(1) : start).split("/", -1);
        for (String s : segments) {
            if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static RuntimeException invalid(String why) {
        return Statuses.badRequest("invalid continue token: " + why);
    }
}
