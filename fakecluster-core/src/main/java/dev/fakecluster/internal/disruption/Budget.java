package dev.fakecluster.internal.disruption;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.select.LabelSelector;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.workload.Owners;
import dev.fakecluster.internal.workload.Pods;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A PodDisruptionBudget evaluated against the pods it selects, as the disruption controller does:
 * an integer {@code minAvailable} counts the pods themselves; a percentage or {@code maxUnavailable}
 * counts the scale of their controllers, rounding up.
 *
 * @param expected pods the budget expects
 * @param healthy ready pods not being deleted
 * @param desired how many must stay healthy
 * @param allowed how many may be disrupted now
 */
record Budget(int expected, int healthy, int desired, int allowed) {

    static Budget of(ClusterState state, StoredObject pdb) {
        JsonNode spec = pdb.json().path("spec");
        LabelSelector selector = selector(pdb);
        List<StoredObject> pods = state.list("pods", pdb.namespace()).stream()
                .filter(p -> selector.matches(p.labels())).toList();
        int healthy = (int) pods.stream().filter(p -> !p.isDeleting() && Pods.isReady(p.json())).count();
        JsonNode minAvailable = spec.get("minAvailable");
        int expected;
        int desired;
        if (minAvailable != null && minAvailable.isIntegralNumber()) {
            expected = pods.size();
            desired = minAvailable.asInt();
        } else {
            expected = expectedFromControllers(state, pods);
            desired = minAvailable != null ? scaledUp(minAvailable, expected)
                    : spec.has("maxUnavailable") ? Math.max(0, expected - scaledUp(spec.get("maxUnavailable"), expected))
                    : expected;
        }
        return new Budget(expected, healthy, desired, Math.max(0, healthy - desired));
    }

    static LabelSelector selector(StoredObject pdb) {
        return LabelSelector.fromObject(pdb.json().path("spec").path("selector"));
    }

    /** The sum of the scales of the controllers owning the pods (a pod without one counts itself). */
    private static int expectedFromControllers(ClusterState state, List<StoredObject> pods) {
        Set<String> counted = new LinkedHashSet<>();
        int expected = 0;
        for (StoredObject pod : pods) {
            StoredObject owner = scaleOwner(state, pod);
            if (owner == null) {
                expected++;
            } else if (counted.add(owner.uid())) {
                expected += owner.json().path("spec").path("replicas").asInt(1);
            }
        }
        return expected;
    }

    /** The Deployment, StatefulSet, ReplicaSet or ReplicationController whose scale covers the pod. */
    private static StoredObject scaleOwner(ClusterState state, StoredObject pod) {
        StoredObject rs = Owners.controllerOf(state, pod.json(), "replicasets.apps");
        if (rs != null) {
            StoredObject deployment = Owners.controllerOf(state, rs.json(), "deployments.apps");
            return deployment != null ? deployment : rs;
        }
        StoredObject sts = Owners.controllerOf(state, pod.json(), "statefulsets.apps");
        return sts != null ? sts : Owners.controllerOf(state, pod.json(), "replicationcontrollers");
    }

    private static int scaledUp(JsonNode value, int total) {
        if (value.isIntegralNumber()) {
            return value.asInt();
        }
        String text = value.asText();
        if (text.endsWith("%")) {
            return (int) Math.ceil(Integer.parseInt(text.substring(0, text.length() - 1)) * (double) total / 100);
        }
        return Integer.parseInt(text);
    }
}
