package dev.fakecluster.internal.daemonset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.scheduler.NodeAffinity;
import dev.fakecluster.internal.scheduler.Tolerations;

/**
 * Which nodes a DaemonSet's pod belongs on (NodeShouldRunDaemonPod), parsed once per DaemonSet:
 * the template's {@code nodeName}, its node selector and required node affinity, and its
 * tolerations with the daemon tolerations added.
 *
 * @param nodeName the template's {@code spec.nodeName}, or null
 * @param affinity the template's required node constraints
 * @param tolerations the daemon pod's tolerations
 */
record Eligibility(String nodeName, NodeAffinity.Required affinity, JsonNode tolerations) {

    /**
     * A node's verdict.
     *
     * @param shouldRun a pod should be created there if none runs
     * @param shouldContinueRunning a pod already there may stay
     */
    record Placement(boolean shouldRun, boolean shouldContinueRunning) {

        static final Placement NEVER = new Placement(false, false);
        static final Placement RUN = new Placement(true, true);
    }

    /** The rules of a DaemonSet. */
    static Eligibility of(JsonNode ds) {
        JsonNode template = ds.path("spec").path("template");
        ObjectNode spec = template.path("spec").isObject() ? template.path("spec").deepCopy() : Json.object();
        DaemonPods.addDaemonTolerations(spec);
        String nodeName = Json.text(template, "spec", "nodeName");
        boolean pinned = nodeName != null && !nodeName.isEmpty();
        return new Eligibility(pinned ? nodeName : null, NodeAffinity.required(template), spec.path("tolerations"));
    }

    /**
     * The verdict for {@code node}: not there when the name, selector or affinity do not match; an
     * untolerated NoSchedule or NoExecute taint stops new pods, and only an untolerated NoExecute
     * taint removes running ones.
     */
    Placement on(JsonNode node) {
        if (nodeName != null && !nodeName.equals(Json.text(node, "metadata", "name"))) {
            return Placement.NEVER;
        }
        if (!affinity.matches(node)) {
            return Placement.NEVER;
        }
        JsonNode taints = node.path("spec").path("taints");
        if (Tolerations.firstUntolerated(tolerations, taints, Tolerations.DO_NOT_SCHEDULE).isEmpty()) {
            return Placement.RUN;
        }
        boolean keep = Tolerations.firstUntolerated(tolerations, taints, "NoExecute"::equals).isEmpty();
        return new Placement(false, keep);
    }
}
