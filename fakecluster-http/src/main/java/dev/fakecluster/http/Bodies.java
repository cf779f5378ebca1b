package dev.fakecluster.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.manifest.ManifestReader;
import java.util.List;

/** Decodes request bodies: JSON, YAML or Kubernetes protobuf objects; other media types are a 415 Status. */
final class Bodies {

    static final List<String> OBJECT_TYPES = List.of("application/json", "application/yaml", ProtobufBodies.MEDIA_TYPE);

    private Bodies() {
    }

    /** The body as one API object. */
    static ObjectNode object(Request request) {
        String type = request.contentType();
        if (request.body().length == 0) {
            throw Statuses.badRequest("the body of the request is empty");
        }
        if (isYaml(request)) {
            List<ObjectNode> docs = ManifestReader.read(request.bodyText());
            if (docs.size() != 1) {
                throw Statuses.badRequest("the body of the request must hold exactly one object, found " + docs.size());
            }
            return docs.get(0);
        }
        if (type.equals(ProtobufBodies.MEDIA_TYPE)) {
            return ProtobufBodies.object(request.body());
        }
        if (!type.isEmpty() && !type.equals("application/json") && !type.equals("*/*")) {
            throw Statuses.unsupportedMediaType(type, OBJECT_TYPES);
        }
        JsonNode n = json(request.bodyText());
        if (!n.isObject()) {
            throw Statuses.badRequest("the body of the request must be a JSON object");
        }
        return (ObjectNode) n;
    }

    /** Whether the body is YAML. */
    static boolean isYaml(Request request) {
        String type = request.contentType();
        return type.equals("application/yaml") || type.equals("application/x-yaml") || type.equals("text/yaml");
    }

    /**
     * Removes null-valued fields, in place: for the API server's typed decoding a JSON null is the
     * field left unset (Go clients send {@code "creationTimestamp": null} in every pod template,
     * which must not make the template differ from one without it).
     */
    static ObjectNode withoutNulls(ObjectNode obj) {
        List<String> nulls = new java.util.ArrayList<>();
        obj.properties().forEach(e -> {
            if (e.getValue().isNull()) {
                nulls.add(e.getKey());
            } else {
                withoutNulls(e.getValue());
            }
        });
        obj.remove(nulls);
        return obj;
    }

    private static void withoutNulls(JsonNode n) {
        if (n.isObject()) {
            withoutNulls((ObjectNode) n);
        } else if (n.isArray()) {
            n.forEach(Bodies::withoutNulls);
        }
    }

    /** Parses JSON text; a 400 Status for malformed input. */
    static JsonNode json(String text) {
        try {
            JsonNode n = Json.MAPPER.readTree(text);
            if (n == null || n.isMissingNode()) {
                throw Statuses.badRequest("the body of the request is empty");
            }
            return n;
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            int nl = message == null ? -1 : message.indexOf('\n');
            throw Statuses.badRequest("error decoding the request body: " + (nl < 0 ? message : message.substring(0, nl)));
        }
    }
}
