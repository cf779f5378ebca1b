package dev.fakecluster.internal.describe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.workload.PodTemplateHash;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** kubectl's describers for Deployments, ReplicaSets, DaemonSets and StatefulSets. */
final class WorkloadDescriber {

    private WorkloadDescriber() {
    }

    static void deployment(DescribeWriter w, JsonNode d, Lookup lookup) {
        JsonNode spec = d.path("spec");
        JsonNode status = d.path("status");
        Meta.nameAndNamespace(w, d);
        w.line(0, "CreationTimestamp", Meta.time(d, "metadata", "creationTimestamp"));
        Meta.labelsAndAnnotations(w, d);
        w.line(0, "Selector", Meta.selector(spec.path("selector")));
        w.line(0, "Replicas", spec.path("replicas").asInt() + " desired | " + status.path("updatedReplicas").asInt(0) + " updated | "
                + status.path("replicas").asInt(0) + " total | " + status.path("availableReplicas").asInt(0) + " available | "
                + status.path("unavailableReplicas").asInt(0) + " unavailable");
        w.line(0, "StrategyType", spec.path("strategy").path("type").asText(""));
        w.line(0, "MinReadySeconds", spec.path("minReadySeconds").asInt(0));
        JsonNode rolling = spec.path("strategy").path("rollingUpdate");
        if (rolling.isObject()) {
            w.line(0, "RollingUpdateStrategy", rolling.path("maxUnavailable").asText() + " max unavailable, "
                    + rolling.path("maxSurge").asText() + " max surge");
        }
        Containers.podTemplate(w, spec.path("template"));
        conditions(w, status.path("conditions"));
        replicaSets(w, d, lookup);
        Events.section(w, Events.about(lookup, d, "Deployment"), lookup);
    }

    /** OldReplicaSets and NewReplicaSet, as deploymentutil finds them: owned RSes, oldest first, the new one's template equal. */
    private static void replicaSets(DescribeWriter w, JsonNode d, Lookup lookup) {
        String uid = d.path("metadata").path("uid").asText();
        List<JsonNode> owned = new ArrayList<>(lookup.list("replicasets.apps", d.path("metadata").path("namespace").asText(),
                Meta.selector(d.path("spec").path("selector")), null).stream().filter(rs -> controlledBy(rs, uid)).toList());
        if (owned.isEmpty()) {
            return;
        }
        owned.sort(Comparator.comparing((JsonNode rs) -> rs.path("metadata").path("creationTimestamp").asText())
                .thenComparing(Meta::name));
        JsonNode newRs = owned.stream()
                .filter(rs -> PodTemplateHash.equalIgnoringHash(rs.path("spec").path("template"), d.path("spec").path("template")))
                .findFirst().orElse(null);
        w.line(0, "OldReplicaSets", replicaSetList(owned.stream().filter(rs -> rs != newRs).toList()));
        w.line(0, "NewReplicaSet", replicaSetList(newRs == null ? List.of() : List.of(newRs)));
    }

    private static String replicaSetList(List<JsonNode> sets) {
        List<String> parts = sets.stream().map(rs -> Meta.name(rs) + " (" + rs.path("status").path("replicas").asInt(0) + "/"
                + rs.path("spec").path("replicas").asInt() + " replicas created)").toList();
        return parts.isEmpty() ? "<none>" : String.join(", ", parts);
    }

    static void replicaSet(DescribeWriter w, JsonNode rs, Lookup lookup) {
        Meta.nameAndNamespace(w, rs);
        w.line(0, "Selector", Meta.formatSelector(rs.path("spec").path("selector")));
        Meta.labelsAndAnnotations(w, rs);
        Meta.controlledBy(w, rs);
        w.line(0, "Replicas", rs.path("status").path("replicas").asInt(0) + " current / " + rs.path("spec").path("replicas").asInt()
                + " desired");
        w.line(0, "Pods Status", podsStatus(rs, lookup));
        Containers.podTemplate(w, rs.path("spec").path("template"));
        conditions(w, rs.path("status").path("conditions"));
        Events.section(w, Events.about(lookup, rs, "ReplicaSet"), lookup);
    }

    static void daemonSet(DescribeWriter w, JsonNode ds, Lookup lookup) {
        JsonNode status = ds.path("status");
        w.line(0, "Name", Meta.name(ds));
        w.line(0, "Selector", Meta.selector(ds.path("spec").path("selector")));
        w.line(0, "Node-Selector", Meta.formatLabels(Json.stringMap(ds, "spec", "template", "spec",
                "nodeSelector")));
        Meta.labelsAndAnnotations(w, ds);
        w.write(0, "Desired Number of Nodes Scheduled: " + status.path("desiredNumberScheduled").asInt(0) + "\n");
        w.write(0, "Current Number of Nodes Scheduled: " + status.path("currentNumberScheduled").asInt(0) + "\n");
        w.write(0, "Number of Nodes Scheduled with Up-to-date Pods: " + status.path("updatedNumberScheduled").asInt(0) + "\n");
        w.write(0, "Number of Nodes Scheduled with Available Pods: " + status.path("numberAvailable").asInt(0) + "\n");
        w.write(0, "Number of Nodes Misscheduled: " + status.path("numberMisscheduled").asInt(0) + "\n");
        w.line(0, "Pods Status", podsStatus(ds, lookup));
        Containers.podTemplate(w, ds.path("spec").path("template"));
        Events.section(w, Events.about(lookup, ds, "DaemonSet"), lookup);
    }

    static void statefulSet(DescribeWriter w, JsonNode sts, Lookup lookup) {
        JsonNode spec = sts.path("spec");
        Meta.nameAndNamespace(w, sts);
        w.line(0, "CreationTimestamp", Meta.time(sts, "metadata", "creationTimestamp"));
        w.line(0, "Selector", Meta.selector(spec.path("selector")));
        Meta.labelsAndAnnotations(w, sts);
        w.line(0, "Replicas", spec.path("replicas").asInt() + " desired | " + sts.path("status").path("replicas").asInt(0) + " total");
        w.line(0, "Update Strategy", spec.path("updateStrategy").path("type").asText(""));
        JsonNode rolling = spec.path("updateStrategy").path("rollingUpdate");
        if (rolling.path("partition").isNumber()) {
            w.line(1, "Partition", rolling.path("partition").asInt());
            if (rolling.hasNonNull("maxUnavailable")) {
                w.line(1, "MaxUnavailable", rolling.path("maxUnavailable").asText());
            }
        }
        w.line(0, "Pods Status", podsStatus(sts, lookup));
        Containers.podTemplate(w, spec.path("template"));
        claimTemplates(w, spec.path("volumeClaimTemplates"));
        Events.section(w, Events.about(lookup, sts, "StatefulSet"), lookup);
    }

    private static void claimTemplates(DescribeWriter w, JsonNode templates) {
        if (templates.isEmpty()) {
            w.write(0, "Volume Claims:\t<none>\n");
            return;
        }
        w.write(0, "Volume Claims:\n");
        for (JsonNode pvc : templates) {
            w.line(1, "Name", Meta.name(pvc));
            w.line(1, "StorageClass", pvc.path("spec").path("storageClassName").asText(
                    pvc.path("metadata").path("annotations").path("volume.beta.kubernetes.io/storage-class").asText("")));
            Meta.labels(w, "  ", "Labels", "\t", Json.stringMap(pvc, "metadata", "labels"));
            Meta.labels(w, "  ", "Annotations", "\t", Json.stringMap(pvc, "metadata", "annotations"));
            String storage = pvc.path("spec").path("resources").path("requests").path("storage").asText("");
            w.line(1, "Capacity", storage.isEmpty() ? "<default>" : Quantity.parse(storage).toString());
            List<String> modes = new ArrayList<>();
            pvc.path("spec").path("accessModes").forEach(m -> modes.add(m.asText()));
            w.line(1, "Access Modes", "[" + String.join(" ", modes) + "]");
        }
    }

    /** getPodStatusForController: the phases of the pods the object controls, among those its selector matches. */
    private static String podsStatus(JsonNode owner, Lookup lookup) {
        String uid = owner.path("metadata").path("uid").asText();
        int running = 0;
        int waiting = 0;
        int succeeded = 0;
        int failed = 0;
        for (JsonNode pod : lookup.list("pods", owner.path("metadata").path("namespace").asText(),
                Meta.selector(owner.path("spec").path("selector")), null)) {
            if (!controlledBy(pod, uid)) {
                continue;
            }
            switch (pod.path("status").path("phase").asText("")) {
                case "Running" -> running++;
                case "Pending" -> waiting++;
                case "Succeeded" -> succeeded++;
                case "Failed" -> failed++;
                default -> {
                }
            }
        }
        return running + " Running / " + waiting + " Waiting / " + succeeded + " Succeeded / " + failed + " Failed";
    }

    private static boolean controlledBy(JsonNode o, String uid) {
        for (JsonNode ref : o.path("metadata").path("ownerReferences")) {
            if (ref.path("controller").asBoolean(false)) {
                return uid.equals(ref.path("uid").asText());
            }
        }
        return false;
    }

    /** Type, Status and Reason of each condition, as Deployments and ReplicaSets show them. */
    private static void conditions(DescribeWriter w, JsonNode conditions) {
        if (conditions.isEmpty()) {
            return;
        }
        w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
        w.write(1, "----\t------\t------\n");
        conditions.forEach(c -> w.write(1, c.path("type").asText() + " \t" + c.path("status").asText() + "\t"
                + c.path("reason").asText("") + "\n"));
    }
}
