package dev.fakecluster.internal.describe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.json.Json;
import java.util.Base64;
import java.util.TreeMap;

/** kubectl's ConfigMap describer. */
final class ConfigMapDescriber {

    private ConfigMapDescriber() {
    }

    /** Data entries in key order (kubectl prints them in Go's random map order), then binary data sizes. */
    static void describe(DescribeWriter w, JsonNode cm, Lookup lookup) {
        Meta.nameAndNamespace(w, cm);
        Meta.labelsAndAnnotations(w, cm);
        w.write(0, "\nData\n====\n");
        new TreeMap<>(Json.stringMap(cm, "data")).forEach((k, v) -> w.write(0, k + ":\n----\n" + v + "\n\n"));
        w.write(0, "\nBinaryData\n====\n");
        new TreeMap<>(Json.stringMap(cm, "binaryData")).forEach((k, v) ->
                w.write(0, k + ": " + Base64.getDecoder().decode(v).length + " bytes\n"));
        w.write(0, "\n");
        Events.section(w, Events.about(lookup, cm, "ConfigMap"), lookup);
    }
}
