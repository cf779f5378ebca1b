package dev.fakecluster.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fakecluster.ApiException;
import dev.fakecluster.internal.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The errors of the API server's strict decoders, read from the request body's tokens in
 * document order (a parsed tree has already lost duplicate keys):
 *
 * <ul>
 *   <li>{@link #json}: sigs.k8s.io/json decoding into a type. An unknown key is
 *       {@code unknown field "spec.replica"} and its value is skipped; a key given twice is
 *       {@code duplicate field "spec.paused"} (only for keys the type knows: an unknown one is
 *       reported once, as unknown). Values decoded whole ({@link SchemaNode#ANY}) are not looked
 *       into. {@link SchemaNode#UNSTRUCTURED} gives the decoding into maps: duplicates only.
 *   <li>{@link #yamlDuplicates}: yaml.v2's strict conversion of YAML (or JSON) to JSON, which
 *       reports every key given twice as {@code line 10: key "paused" already set in map}.
 * </ul>
 */
final class StrictDecoding {

    private static final JsonFactory JSON = Json.MAPPER.getFactory();
    private static final JsonFactory YAML = new YAMLFactory();

    private StrictDecoding() {
    }

    /** Unknown and duplicate field errors of a JSON body decoded into {@code schema}, each once. */
    static List<String> json(String body, SchemaNode schema) {
        Set<String> errors = new LinkedHashSet<>();
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != null) {
                value(parser, schema, new ArrayList<>(), errors);
            }
        } catch (IOException e) {
            throw malformed(e);
        }
        return List.copyOf(errors);
    }

    /** yaml.v2's duplicate key errors of a YAML or JSON document, without the "yaml: unmarshal errors:" heading. */
    static List<String> yamlDuplicates(String body) {
        List<String> errors = new ArrayList<>();
        JsonFactory factory = body.stripLeading().startsWith("{") ? JSON : YAML;
        try (JsonParser parser = factory.createParser(body)) {
            if (parser.nextToken() != null) {
                duplicates(parser, errors);
            }
        } catch (IOException e) {
            throw malformed(e);
        }
        return errors;
    }

    /** The body parsed before it came here, so this is only for bodies a second parser reads differently. */
    private static ApiException malformed(IOException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
        return Statuses.badRequest("error decoding the request body: " + message);
    }

    /** Walks the value at the parser's current token, which it leaves on the value's last token. */
    private static void value(JsonParser parser, SchemaNode schema, List<String> path, Set<String> errors)
            throws IOException {
        JsonToken token = parser.currentToken();
        if (schema.any() || token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        if (token == JsonToken.START_ARRAY) {
            SchemaNode items = schema.items();
            if (items == null) {
                parser.skipChildren();
                return;
            }
            for (int i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
                path.add("[" + i + "]");
                value(parser, items, path, errors);
                path.remove(path.size() - 1);
            }
            return;
        }
        Set<String> seen = new HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            SchemaNode field = schema.field(name);
            if (field == null) {
                if (!schema.preservesUnknown()) {
                    errors.add("unknown field " + GoText.quote(join(path, name)));
                }
                parser.skipChildren();
                continue;
            }
            if (!seen.add(name)) {
                errors.add("duplicate field " + GoText.quote(join(path, name)));
            }
            path.add(name);
            value(parser, field, path, errors);
            path.remove(path.size() - 1);
        }
    }

    private static void duplicates(JsonParser parser, List<String> errors) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_ARRAY) {
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                duplicates(parser, errors);
            }
        } else if (token == JsonToken.START_OBJECT) {
            Set<String> seen = new HashSet<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (!seen.add(name)) {
                    errors.add("line " + parser.currentTokenLocation().getLineNr() + ": key " + GoText.quote(name)
                            + " already set in map");
                }
                parser.nextToken();
                duplicates(parser, errors);
            }
        }
    }

    /** The path as sigs.k8s.io/json writes it: keys joined by dots, list indexes in brackets. */
    private static String join(List<String> path, String name) {
        StringBuilder b = new StringBuilder();
        for (String p : path) {
            if (b.length() > 0 && !p.startsWith("[")) {
                b.append('.');
            }
            b.append(p);
        }
        return b.length() == 0 ? name : b.append('.').append(name).toString();
    }
}
