package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A list's {@code continue} token: where the next page starts and the resourceVersion of the first page.
 *
 * @param resourceVersion the first page's resourceVersion
 * @param after the storage key of the last item served
 */
record ContinueToken(long resourceVersion, String after) {

    String encode() {
        ObjectNode n = Json.object();
        n.put("v", "meta.k8s.io/v1");
        n.put("rv", resourceVersion);
        n.put("start", after + "\u0000");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(n).getBytes(StandardCharsets.UTF_8));
    }

    static ContinueToken decode(String token) {
        try {
            JsonNode n = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(token));
            String start = n.path("start").asText();
            if (!start.endsWith("\u0000") || !n.path("rv").canConvertToLong()) {
                throw new IllegalArgumentException(start);
            }
            return new ContinueToken(n.path("rv").asLong(), start.substring(0, start.length() - 1));
        } catch (IOException | IllegalArgumentException e) {
            throw Statuses.badRequest("continue key is not valid: " + token);
        }
    }
}
