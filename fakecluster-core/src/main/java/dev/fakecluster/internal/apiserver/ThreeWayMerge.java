package dev.fakecluster.internal.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The three-way merge behind {@code kubectl apply}: fields in the new manifest win, fields that the
 * last applied manifest had but the new one dropped are removed, and everything else on the live
 * object (status, defaults, fields other writers set, e.g. a {@code kubectl scale}) is kept.
 * Lists are replaced as a whole (kubectl merges some lists by key; re-defaulting the result gives
 * the same outcome for the lists tutorials use).
 */
final class ThreeWayMerge {

    private ThreeWayMerge() {
    }

    /** Merges into {@code live} (which is changed in place and returned). */
    static ObjectNode merge(ObjectNode live, JsonNode lastApplied, JsonNode desired) {
        for (Iterator<Map.Entry<String, JsonNode>> it = desired.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = e.getKey();
            JsonNode want = e.getValue();
            JsonNode have = live.get(field);
            if (want.isObject() && have != null && have.isObject()) {
                JsonNode last = lastApplied == null ? null : lastApplied.get(field);
                merge((ObjectNode) have, last != null && last.isObject() ? last : null, want);
            } else if (want.isNull()) {
                live.remove(field);
            } else {
                live.set(field, want.deepCopy());
            }
        }
        if (lastApplied != null) {
            for (Iterator<String> it = lastApplied.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!desired.has(field)) {
                    live.remove(field);
                }
            }
        }
        return live;
    }
}
