package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Values written as the Go API server writes them into messages: {@code %q} strings, the JSON
 * that {@code encoding/json} makes of a map (keys sorted, HTML characters escaped) and the
 * {@code %+v} of a decoded JSON map ({@code map[spec:map[replicas:3]]}).
 */
final class GoText {

    private GoText() {
    }

    /** {@code strconv.Quote}: double quotes, with quotes, backslashes and control characters escaped. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"', '\\' -> b.append('\\').append(c);
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** {@code json.Marshal} of the value decoded into a map: compact, keys sorted at every level, {@code <>&} escaped. */
    static String json(JsonNode value) {
        return Json.write(sorted(value)).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    private static JsonNode sorted(JsonNode value) {
        if (value.isObject()) {
            ObjectNode out = Json.object();
            keys(value).forEach(k -> out.set(k, sorted(value.get(k))));
            return out;
        }
        if (value.isArray()) {
            var out = Json.array();
            value.forEach(v -> out.add(sorted(v)));
            return out;
        }
        return value;
    }

    /** {@code fmt.Sprintf("%+v", v)} of a value decoded from JSON into {@code map[string]interface{}}. */
    static String value(JsonNode v) {
        if (v.isObject()) {
            List<String> entries = new ArrayList<>();
            keys(v).forEach(k -> entries.add(k + ":" + value(v.get(k))));
            return "map[" + String.join(" ", entries) + "]";
        }
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(i -> items.add(value(i)));
            return "[" + String.join(" ", items) + "]";
        }
        if (v.isNull()) {
            return "<nil>";
        }
        if (v.isFloatingPointNumber()) {
            return goFloat(v.doubleValue());
        }
        return v.isTextual() ? v.textValue() : v.asText();
    }

    /** {@code %v} of a float64 in the range objects use (Go switches to exponents below 1e-4 and from 1e21). */
    private static String goFloat(double d) {
        return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            keys.add(e.getKey());
        }
        keys.sort(null);
        return keys;
    }
}
