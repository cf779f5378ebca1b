package dev.fakecluster.internal.daemonset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.daemonset.Eligibility.Placement;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.workload.Pods;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One step of a RollingUpdate ({@code update.go} rollingUpdate), as a pure function of the pods per
 * node. Without surge, old pods are deleted while no more than {@code maxUnavailable} nodes lack an
 * available pod, and the manage loop creates their replacements once they are gone; with surge,
 * new pods are created next to available old ones, at most {@code maxSurge} at a time, and the old
 * pod goes once the new one is available. Nodes are visited in name order.
 */
final class RollingUpdate {

    /**
     * What to do.
     *
     * @param delete the pods to delete
     * @param create the nodes that get a new pod
     */
    record Plan(List<StoredObject> delete, List<String> create) {

        static final Plan NOTHING = new Plan(List.of(), List.of());
    }

    /** The pods of one node, split by revision; {@code ok} false when it has several of a kind. */
    private record NodePods(StoredObject newPod, StoredObject oldPod, boolean ok) {
    }

    private RollingUpdate() {
    }

    /**
     * The step for a DaemonSet whose pods per target node are {@code pods} (every node that should
     * run one is present, possibly with no pod), at {@code now}.
     */
    static Plan plan(JsonNode ds, SortedMap<String, List<StoredObject>> pods, Map<String, Placement> placements,
            String hash, Instant now) {
        int desired = (int) placements.values().stream().filter(Placement::shouldRun).count();
        Integer maxUnavailable = unavailableCount(ds, desired);
        Integer maxSurge = surgeCount(ds, desired);
        if (maxUnavailable == null || maxSurge == null) {
            return Plan.NOTHING;
        }
        if (desired > 0 && maxUnavailable == 0 && maxSurge == 0) {
            maxUnavailable = 1;
        }
        long minReady = ds.path("spec").path("minReadySeconds").asLong(0);
        Step step = new Step(pods, placements, hash, minReady, now);
        return maxSurge == 0 ? step.replace(maxUnavailable) : step.surge(maxSurge, desired);
    }

    /** Whether the DaemonSet may run two pods on a node during an update (AllowsSurge). */
    static boolean allowsSurge(JsonNode ds) {
        Integer surge = surgeCount(ds, 1);
        return surge != null && surge > 0;
    }

    /** maxSurge in pods out of {@code desired}, rounded up; 0 unless RollingUpdate; null when malformed. */
    static Integer surgeCount(JsonNode ds, int desired) {
        JsonNode strategy = ds.path("spec").path("updateStrategy");
        JsonNode surge = strategy.path("rollingUpdate").path("maxSurge");
        if (!"RollingUpdate".equals(strategy.path("type").asText()) || surge.isMissingNode() || surge.isNull()) {
            return 0;
        }
        return scaled(surge, desired);
    }

    /** maxUnavailable in pods out of {@code desired}, rounded up; 0 unless RollingUpdate; null when malformed. */
    static Integer unavailableCount(JsonNode ds, int desired) {
        JsonNode strategy = ds.path("spec").path("updateStrategy");
        if (!"RollingUpdate".equals(strategy.path("type").asText()) || !strategy.has("rollingUpdate")) {
            return 0;
        }
        return scaled(strategy.path("rollingUpdate").path("maxUnavailable"), desired);
    }

    /** GetScaledValueFromIntOrPercent rounding up: an int as is, {@code "n%"} of {@code total}; null otherwise. */
    private static Integer scaled(JsonNode value, int total) {
        if (value.isIntegralNumber()) {
            return value.asInt();
        }
        String text = value.asText("");
        if (!value.isTextual() || !text.endsWith("%")) {
            return null;
        }
        try {
            int percent = Integer.parseInt(text.substring(0, text.length() - 1));
            return (int) Math.ceil(percent * (double) total / 100);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The walk over the nodes for one plan. */
    private record Step(SortedMap<String, List<StoredObject>> pods, Map<String, Placement> placements, String hash,
            long minReady, Instant now) {

        /** Without surge: delete old pods while the unavailable nodes stay within {@code maxUnavailable}. */
        Plan replace(int maxUnavailable) {
            int unavailable = 0;
            List<StoredObject> replacements = new ArrayList<>();
            List<StoredObject> candidates = new ArrayList<>();
            for (List<StoredObject> onNode : pods.values()) {
                NodePods n = split(onNode);
                if (!n.ok() || (n.oldPod() == null) == (n.newPod() == null)) {
                    unavailable++;
                } else if (n.newPod() != null) {
                    if (!available(n.newPod())) {
                        unavailable++;
                    }
                } else if (!available(n.oldPod())) {
                    replacements.add(n.oldPod());
                    unavailable++;
                } else if (unavailable < maxUnavailable) {
                    candidates.add(n.oldPod());
                }
            }
            int room = Math.min(Math.max(maxUnavailable - unavailable, 0), candidates.size());
            List<StoredObject> delete = new ArrayList<>(replacements);
            delete.addAll(candidates.subList(0, room));
            return new Plan(delete, List.of());
        }

        /** With surge: new pods start beside old ones ({@code maxSurge} waiting at most); old ones go once replaced. */
        Plan surge(int maxSurge, int desired) {
            List<StoredObject> delete = new ArrayList<>();
            List<StoredObject> notWanted = new ArrayList<>();
            List<String> allowed = new ArrayList<>();
            List<String> candidates = new ArrayList<>();
            int surging = 0;
            int available = 0;
            for (Map.Entry<String, List<StoredObject>> e : pods.entrySet()) {
                String node = e.getKey();
                NodePods n = split(e.getValue());
                if (!n.ok()) {
                    surging++;
                    continue;
                }
                StoredObject counted = n.oldPod() != null ? n.oldPod() : n.newPod();
                if (counted != null && available(counted)) {
                    available++;
                }
                if (n.oldPod() == null) {
                    continue;
                }
                boolean shouldRun = placements.getOrDefault(node, Placement.NEVER).shouldRun();
                if (n.newPod() == null && !available(n.oldPod())) {
                    if (shouldRun) {
                        allowed.add(node);
                    } else {
                        delete.add(n.oldPod());
                    }
                } else if (n.newPod() == null) {
                    if (!shouldRun) {
                        notWanted.add(n.oldPod());
                    } else if (surging < maxSurge) {
                        candidates.add(node);
                    }
                } else if (!available(n.newPod())) {
                    surging++;
                } else {
                    delete.add(n.oldPod());
                }
            }
            int deletable = Math.min(available - desired, notWanted.size());
            if (deletable > 0) {
                delete.addAll(notWanted.subList(0, deletable));
            }
            int room = Math.min(Math.max(maxSurge - surging, 0), candidates.size());
            List<String> create = new ArrayList<>(allowed);
            create.addAll(candidates.subList(0, room));
            return new Plan(delete, create);
        }

        /** At most one new and one old pod that is not being deleted (findUpdatedPodsOnNode). */
        private NodePods split(List<StoredObject> onNode) {
            StoredObject newPod = null;
            StoredObject oldPod = null;
            for (StoredObject pod : onNode) {
                if (pod.isDeleting()) {
                    continue;
                }
                if (DaemonPods.isUpdated(pod.json(), hash)) {
                    if (newPod != null) {
                        return new NodePods(null, null, false);
                    }
                    newPod = pod;
                } else {
                    if (oldPod != null) {
                        return new NodePods(null, null, false);
                    }
                    oldPod = pod;
                }
            }
            return new NodePods(newPod, oldPod, true);
        }

        private boolean available(StoredObject pod) {
            return Pods.isAvailable(pod.json(), minReady, now);
        }
    }
}
