package dev.fakecluster.internal.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.workload.PodControl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stable identity of a StatefulSet's pods (stateful_set_utils.go): the name
 * {@code <set>-<ordinal>}, hostname and subdomain, the pod-name, pod-index and revision labels,
 * and one PersistentVolumeClaim {@code <template>-<set>-<ordinal>} per volume claim template.
 */
final class PodIdentity {

    static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
    static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
    static final String REVISION_LABEL = "controller-revision-hash";
    private static final Pattern NAME = Pattern.compile("(.*)-([0-9]+)");

    private PodIdentity() {
    }

    /** The parent set's name in a pod name, or "" when the name has no {@code -<digits>} suffix. */
    static String parentName(String podName) {
        Matcher m = NAME.matcher(podName);
        return m.matches() ? m.group(1) : "";
    }

    /** The ordinal in a pod name, or -1 when it has none (or it does not fit an int32). */
    static int ordinal(String podName) {
        Matcher m = NAME.matcher(podName);
        if (!m.matches()) {
            return -1;
        }
        try {
            return Integer.parseInt(m.group(2));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static int ordinal(JsonNode pod) {
        return ordinal(name(pod));
    }

    static String name(JsonNode pod) {
        return pod.path("metadata").path("name").asText();
    }

    static String podName(SetSpec set, int ordinal) {
        return set.name() + "-" + ordinal;
    }

    static String claimName(JsonNode claimTemplate, SetSpec set, int ordinal) {
        return claimTemplate.path("metadata").path("name").asText() + "-" + set.name() + "-" + ordinal;
    }

    /** Whether a pod of this name is one of the set's (isMemberOf). */
    static boolean isMemberOf(String setName, String podName) {
        return parentName(podName).equals(setName);
    }

    /**
     * A pod for {@code ordinal} built from the current revision's template when the ordinal is below
     * the partition, else from the update revision's (newVersionedStatefulSetPod).
     */
    static ObjectNode newVersionedPod(SetSpec set, JsonNode currentTemplate, String currentRevision,
            JsonNode updateTemplate, String updateRevision, int ordinal) {
        int currentReplicas = set.object().json().path("status").path("currentReplicas").asInt(0);
        boolean atCurrent = set.rollingUpdate() && set.partition() == null && ordinal < set.start() + currentReplicas
                || set.partition() != null && ordinal < set.start() + set.partition();
        ObjectNode pod = newPod(set, atCurrent ? currentTemplate : updateTemplate, ordinal);
        Json.with(pod, "metadata", "labels").put(REVISION_LABEL, atCurrent ? currentRevision : updateRevision);
        sortLabels(pod);
        return pod;
    }

    private static ObjectNode newPod(SetSpec set, JsonNode template, int ordinal) {
        ObjectNode pod = PodControl.fromTemplate(set.object(), template);
        Json.with(pod, "metadata").put("name", podName(set, ordinal));
        updateIdentity(set, pod);
        ObjectNode spec = Json.with(pod, "spec");
        spec.put("hostname", name(pod));
        if (!set.serviceName().isEmpty()) {
            spec.put("subdomain", set.serviceName());
        }
        updateStorage(set, pod);
        return pod;
    }

    /** Whether name, namespace and pod-name label are the set's for the pod's ordinal. */
    static boolean identityMatches(SetSpec set, JsonNode pod) {
        int ordinal = ordinal(pod);
        String name = name(pod);
        return ordinal >= 0 && parentName(name).equals(set.name()) && name.equals(podName(set, ordinal))
                && set.namespace().equals(pod.path("metadata").path("namespace").asText())
                && name.equals(Json.text(pod, "metadata", "labels", POD_NAME_LABEL));
    }

    /** Sets the pod's namespace and its pod-name and pod-index labels (updateIdentity). */
    static void updateIdentity(SetSpec set, ObjectNode pod) {
        int ordinal = ordinal(pod);
        ObjectNode meta = Json.with(pod, "metadata");
        meta.put("name", podName(set, ordinal));
        meta.put("namespace", set.namespace());
        ObjectNode labels = Json.with(meta, "labels");
        labels.put(POD_NAME_LABEL, meta.path("name").asText());
        labels.put(POD_INDEX_LABEL, Integer.toString(ordinal));
        sortLabels(pod);
    }

    /** Whether the pod mounts each of the set's claims for its ordinal under the template's name. */
    static boolean storageMatches(SetSpec set, JsonNode pod) {
        int ordinal = ordinal(pod);
        if (ordinal < 0) {
            return false;
        }
        Map<String, JsonNode> volumes = new TreeMap<>();
        pod.path("spec").path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
        for (JsonNode template : set.claimTemplates()) {
            JsonNode volume = volumes.get(template.path("metadata").path("name").asText());
            if (volume == null || !claimName(template, set, ordinal)
                    .equals(Json.text(volume, "persistentVolumeClaim", "claimName"))) {
                return false;
            }
        }
        return true;
    }

    /** Puts a volume per claim template first, keeping the pod's other volumes after them (updateStorage). */
    static void updateStorage(SetSpec set, ObjectNode pod) {
        int ordinal = ordinal(pod);
        ArrayNode volumes = Json.array();
        Set<String> claimed = new HashSet<>();
        for (JsonNode template : set.claimTemplates()) {
            String name = template.path("metadata").path("name").asText();
            claimed.add(name);
            volumes.addObject().put("name", name).putObject("persistentVolumeClaim")
                    .put("claimName", claimName(template, set, ordinal));
        }
        for (JsonNode v : pod.path("spec").path("volumes")) {
            if (!claimed.contains(v.path("name").asText())) {
                volumes.add(v);
            }
        }
        ObjectNode spec = Json.with(pod, "spec");
        if (volumes.isEmpty()) {
            spec.remove("volumes");
        } else {
            spec.set("volumes", volumes);
        }
    }

    /**
     * The claims the pod needs, one per template: the template's metadata and spec, named for the
     * pod's ordinal, labelled with the set's {@code matchLabels} (getPersistentVolumeClaims).
     */
    static List<ObjectNode> claims(SetSpec set, JsonNode pod) {
        int ordinal = ordinal(pod);
        Map<String, String> matchLabels = Json.stringMap(set.object().json(), "spec", "selector", "matchLabels");
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode template : set.claimTemplates()) {
            ObjectNode claim = Json.object().put("apiVersion", "v1").put("kind", "PersistentVolumeClaim");
            JsonNode templateMeta = template.path("metadata");
            ObjectNode meta = templateMeta.isObject() ? templateMeta.deepCopy() : Json.object();
            meta.put("name", claimName(template, set, ordinal));
            meta.put("namespace", set.namespace());
            Map<String, String> labels = new TreeMap<>(Json.stringMap(meta, "labels"));
            labels.putAll(matchLabels);
            if (labels.isEmpty()) {
                meta.remove("labels");
            } else {
                meta.set("labels", Json.toObject(labels));
            }
            claim.set("metadata", meta);
            claim.set("spec", template.path("spec").deepCopy());
            out.add(claim);
        }
        return out;
    }

    /** Orders the labels by key, as the API server's JSON encoding of a map does. */
    private static void sortLabels(ObjectNode pod) {
        ObjectNode meta = Json.with(pod, "metadata");
        meta.set("labels", Json.toObject(new TreeMap<>(Json.stringMap(meta, "labels"))));
    }
}
