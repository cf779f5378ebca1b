package dev.fakecluster.internal.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.random.SeededRandom;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The {@code pod-template-hash} label (controller.ComputeHash): FNV-32a over the template, plus the
 * collision count when there is one, printed in decimal with each digit mapped into the
 * name-safe alphabet. Kubernetes hashes a Go dump of the struct; we hash canonical JSON (keys
 * sorted), so the values differ from a real cluster's but follow the same rules: the same template
 * always gives the same hash, any change gives another.
 */
public final class PodTemplateHash {

    public static final String LABEL = "pod-template-hash";
    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    private PodTemplateHash() {
    }

    /** The hash of {@code template} with {@code collisionCount} (null when the status has none). */
    public static String compute(JsonNode template, Integer collisionCount) {
        ObjectNode t = template.deepCopy();
        ObjectNode labels = Json.objectAt(t, "metadata", "labels");
        if (labels != null) {
            labels.remove(LABEL);
        }
        StringBuilder canonical = new StringBuilder();
        writeSorted(t, canonical);
        int h = FNV_OFFSET;
        for (byte b : canonical.toString().getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * FNV_PRIME;
        }
        if (collisionCount != null) {
            int c = collisionCount;
            byte[] bytes = {(byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24), 0, 0, 0, 0};
            for (byte b : bytes) {
                h = (h ^ (b & 0xff)) * FNV_PRIME;
            }
        }
        return safeEncode(Integer.toUnsignedString(h));
    }

    /** Maps each character through the generateName alphabet, as rand.SafeEncodeString does. */
    public static String safeEncode(String s) {
        String alphabet = SeededRandom.NAME_ALPHABET;
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            out.append(alphabet.charAt(s.charAt(i) % alphabet.length()));
        }
        return out.toString();
    }

    /** Whether two pod templates are equal once the hash label is ignored (EqualIgnoreHash). */
    public static boolean equalIgnoringHash(JsonNode a, JsonNode b) {
        ObjectNode x = a.deepCopy();
        ObjectNode y = b.deepCopy();
        for (ObjectNode t : List.of(x, y)) {
            ObjectNode labels = Json.objectAt(t, "metadata", "labels");
            if (labels != null) {
                labels.remove(LABEL);
                if (labels.isEmpty()) {
                    Json.with(t, "metadata").remove("labels");
                }
            }
        }
        return x.equals(y);
    }

    private static void writeSorted(JsonNode n, StringBuilder out) {
        if (n.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            Collections.sort(names);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(Json.write(Json.MAPPER.getNodeFactory().textNode(names.get(i)))).append(':');
                writeSorted(n.get(names.get(i)), out);
            }
            out.append('}');
        } else if (n.isArray()) {
            out.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeSorted(n.get(i), out);
            }
            out.append(']');
        } else {
            out.append(Json.write(n));
        }
    }
}
