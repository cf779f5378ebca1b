package dev.fakecluster.internal.daemonset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.workload.Pods;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What daemon pods look like and how they are told apart ({@code pkg/controller/daemon/util}). */
final class DaemonPods {

    static final String REVISION_HASH = "controller-revision-hash";
    static final String TEMPLATE_GENERATION = "pod-template-generation";
    static final String TEMPLATE_GENERATION_ANNOTATION = "deprecated.daemonset.template.generation";
    private static final String NODE_NAME_FIELD = "metadata.name";

    /** The tolerations every daemon pod gets: key and effect; all use {@code Exists}. */
    private static final List<String[]> DAEMON_TOLERATIONS = List.of(
            new String[] {"node.kubernetes.io/not-ready", "NoExecute"},
            new String[] {"node.kubernetes.io/unreachable", "NoExecute"},
            new String[] {"node.kubernetes.io/disk-pressure", "NoSchedule"},
            new String[] {"node.kubernetes.io/memory-pressure", "NoSchedule"},
            new String[] {"node.kubernetes.io/pid-pressure", "NoSchedule"},
            new String[] {"node.kubernetes.io/unschedulable", "NoSchedule"});
    private static final String[] NETWORK_UNAVAILABLE = {"node.kubernetes.io/network-unavailable", "NoSchedule"};

    /** Scheduled pods first, then the oldest, then by name (podByCreationTimestampAndPhase). */
    static final Comparator<StoredObject> OLDEST_FIRST = Comparator
            .comparing((StoredObject p) -> Pods.nodeName(p.json()) == null)
            .thenComparing(p -> Json.text(p.json(), "metadata", "creationTimestamp"))
            .thenComparing(StoredObject::name);

    private DaemonPods() {
    }

    /** The template generation a DaemonSet records in its deprecated annotation, or null (GetTemplateGeneration). */
    static Long templateGeneration(JsonNode ds) {
        try {
            return Long.valueOf(Json.text(ds, "metadata", "annotations", TEMPLATE_GENERATION_ANNOTATION));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Adds the daemon tolerations to a pod spec, as AddOrUpdateDaemonPodTolerations does. */
    static void addDaemonTolerations(ObjectNode podSpec) {
        DAEMON_TOLERATIONS.forEach(t -> addOrUpdate(podSpec, t[0], t[1]));
        if (podSpec.path("hostNetwork").asBoolean(false)) {
            addOrUpdate(podSpec, NETWORK_UNAVAILABLE[0], NETWORK_UNAVAILABLE[1]);
        }
    }

    /**
     * Adds {@code key:Exists:effect}; a toleration equal in key, operator, value and effect is
     * replaced in place unless it is already identical (AddOrUpdateTolerationInPodSpec).
     */
    private static void addOrUpdate(ObjectNode podSpec, String key, String effect) {
        ObjectNode wanted = Json.object().put("key", key).put("operator", "Exists").put("effect", effect);
        ArrayNode out = Json.array();
        boolean replaced = false;
        for (JsonNode t : Json.arrayAt(podSpec, "tolerations")) {
            boolean same = key.equals(t.path("key").asText("")) && "Exists".equals(t.path("operator").asText(""))
                    && t.path("value").asText("").isEmpty() && effect.equals(t.path("effect").asText(""));
            if (same && !t.hasNonNull("tolerationSeconds")) {
                return;
            }
            out.add(same ? wanted : t);
            replaced |= same;
        }
        if (!replaced) {
            out.add(wanted);
        }
        podSpec.set("tolerations", out);
    }

    /**
     * The pod template of the current revision (CreatePodTemplate): the DaemonSet's, with the daemon
     * tolerations and the {@code pod-template-generation} and {@code controller-revision-hash} labels.
     */
    static ObjectNode podTemplate(JsonNode dsTemplate, Long generation, String hash) {
        ObjectNode template = dsTemplate.deepCopy();
        addDaemonTolerations(Json.with(template, "spec"));
        Map<String, String> labels = new TreeMap<>(Json.stringMap(template, "metadata", "labels"));
        if (generation != null) {
            labels.put(TEMPLATE_GENERATION, generation.toString());
        }
        if (!hash.isEmpty()) {
            labels.put(REVISION_HASH, hash);
        }
        Json.with(template, "metadata").set("labels", Json.toObject(labels));
        return template;
    }

    /**
     * Pins a pod to {@code node} by required node affinity {@code matchFields metadata.name In [node]},
     * replacing the required terms it had (ReplaceDaemonSetPodNodeNameNodeAffinity).
     */
    static void pinToNode(ObjectNode podSpec, String node) {
        ObjectNode requirement = Json.object().put("key", NODE_NAME_FIELD).put("operator", "In");
        requirement.putArray("values").add(node);
        ObjectNode required = Json.with(podSpec, "affinity", "nodeAffinity",
                "requiredDuringSchedulingIgnoredDuringExecution");
        required.putArray("nodeSelectorTerms").addObject().putArray("matchFields").add(requirement);
    }

    /**
     * The node a daemon pod is for: its {@code nodeName}, else the single value of its first
     * {@code matchFields metadata.name In} requirement; null when it names none (GetTargetNodeName).
     */
    static String targetNode(JsonNode pod) {
        String bound = Pods.nodeName(pod);
        if (bound != null && !bound.isEmpty()) {
            return bound;
        }
        JsonNode terms = Json.arrayAt(pod, "spec", "affinity", "nodeAffinity",
                "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms");
        for (JsonNode term : terms) {
            for (JsonNode r : term.path("matchFields")) {
                if (NODE_NAME_FIELD.equals(r.path("key").asText()) && "In".equals(r.path("operator").asText())) {
                    return r.path("values").size() == 1 ? r.path("values").get(0).asText() : null;
                }
            }
        }
        return null;
    }

    /**
     * Whether a pod runs the current revision (IsPodUpdated). Upstream also compares the
     * {@code pod-template-generation} label, but against the text of a pointer, which never
     * matches; only the hash decides.
     */
    static boolean isUpdated(JsonNode pod, String hash) {
        return !hash.isEmpty() && hash.equals(Json.text(pod, "metadata", "labels", REVISION_HASH));
    }
}
