package dev.fakecluster.internal.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import java.util.Map;
import java.util.TreeMap;

/**
 * A DaemonSet's template generation as the registry strategy keeps it: 1 on create (or what an old
 * {@code extensions/v1beta1} manifest carried), the old value on update, plus one when the pod
 * template changed. apps/v1 shows it as the {@code deprecated.daemonset.template.generation}
 * annotation, whatever a client writes there.
 */
final class TemplateGeneration {

    static final String ANNOTATION = "deprecated.daemonset.template.generation";

    private TemplateGeneration() {
    }

    /** Sets the annotation on a DaemonSet being created (PrepareForCreate). */
    static void onCreate(ObjectNode ds) {
        ObjectNode spec = Json.with(ds, "spec");
        JsonNode fromOldVersion = spec.remove("templateGeneration");
        long generation = fromOldVersion != null ? fromOldVersion.asLong(0) : parse(ds);
        set(ds, Math.max(generation, 1));
    }

    /** Keeps {@code old}'s generation on {@code ds}, plus one when the pod template changed (PrepareForUpdate). */
    static void onUpdate(KindInfo kind, JsonNode old, ObjectNode ds) {
        if (!kind.group().equals("apps") || !kind.kind().equals("DaemonSet")) {
            return;
        }
        Json.with(ds, "spec").remove("templateGeneration");
        boolean templateChanged = !old.path("spec").path("template").equals(ds.path("spec").path("template"));
        set(ds, parse(old) + (templateChanged ? 1 : 0));
    }

    private static long parse(JsonNode ds) {
        try {
            return Long.parseLong(Json.text(ds, "metadata", "annotations", ANNOTATION));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Writes the annotation, keeping the annotations sorted by key as Go serializes the map. */
    private static void set(ObjectNode ds, long generation) {
        ObjectNode meta = Json.with(ds, "metadata");
        Map<String, String> annotations = new TreeMap<>(Json.stringMap(meta, "annotations"));
        annotations.put(ANNOTATION, Long.toString(generation));
        meta.set("annotations", Json.toObject(annotations));
    }
}
