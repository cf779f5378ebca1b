package dev.fakecluster.internal.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.fakecluster.internal.errors.Errors;
import dev.fakecluster.internal.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads manifests as {@code kubectl apply -f} does: multi-document YAML ({@code ---}) or a stream of
 * JSON objects; empty documents are skipped and {@code kind: List} is expanded into its items.
 * Malformed input is a BadRequest naming the document and the parser's complaint.
 */
public final class ManifestReader {

    private static final ObjectMapper YAML = new YAMLMapper(new YAMLFactory());

    private ManifestReader() {
    }

    public static List<ObjectNode> read(String text) {
        String trimmed = text.stripLeading();
        boolean json = trimmed.startsWith("{") || trimmed.startsWith("[");
        ObjectMapper mapper = json ? Json.MAPPER : YAML;
        List<ObjectNode> out = new ArrayList<>();
        int document = 0;
        try (JsonParser parser = mapper.getFactory().createParser(text);
             MappingIterator<JsonNode> docs = mapper.readValues(parser, JsonNode.class)) {
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                document++;
                add(doc, document, out);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof dev.fakecluster.ApiException api) {
                throw api;
            }
            // Jackson reports parse errors directly, or wrapped in a RuntimeException by MappingIterator.
            Throwable cause = e instanceof JsonProcessingException ? e : e.getCause();
            String message = cause instanceof JsonProcessingException jpe ? firstLine(jpe.getOriginalMessage()) + location(jpe)
                    : String.valueOf(e.getMessage());
            throw Errors.badRequest("error parsing " + (json ? "JSON" : "YAML") + " document " + (document + 1) + ": "
                    + message);
        }
        return out;
    }

    private static void add(JsonNode doc, int document, List<ObjectNode> out) {
        if (doc == null || doc.isNull() || doc.isMissingNode() || (doc.isObject() && doc.isEmpty())) {
            return;
        }
        if (doc.isArray()) {
            doc.forEach(d -> add(d, document, out));
            return;
        }
        if (!doc.isObject()) {
            throw Errors.badRequest("error parsing document " + document + ": expected an object, found "
                    + doc.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + " '" + doc.asText() + "'");
        }
        ObjectNode obj = (ObjectNode) doc;
        String kind = obj.path("kind").asText("");
        if (kind.endsWith("List") && obj.path("items").isArray()) {
            obj.path("items").forEach(item -> add(item, document, out));
            return;
        }
        out.add(obj);
    }

    private static String firstLine(String message) {
        int nl = message == null ? -1 : message.indexOf('\n');
        return nl < 0 ? String.valueOf(message) : message.substring(0, nl);
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }
}
