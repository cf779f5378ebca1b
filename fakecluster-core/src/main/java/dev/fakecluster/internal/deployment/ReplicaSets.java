package dev.fakecluster.internal.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.store.StoredObject;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Reading a Deployment's ReplicaSets: sizes, revisions, annotations and the orders the controller sorts them in. */
final class ReplicaSets {

    static final String REVISION = "deployment.kubernetes.io/revision";
    static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
    static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
    static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
    static final String ROLLBACK_TO = "deprecated.deployment.rollback.to";

    /** Oldest first, then by name (ReplicaSetsByCreationTimestamp). */
    static final Comparator<StoredObject> BY_AGE = Comparator.comparing(ReplicaSets::created)
            .thenComparing(StoredObject::name);

    private ReplicaSets() {
    }

    static int replicas(StoredObject rs) {
        return rs.json().path("spec").path("replicas").asInt(1);
    }

    static int statusReplicas(StoredObject rs) {
        return rs.json().path("status").path("replicas").asInt(0);
    }

    static int ready(StoredObject rs) {
        return rs.json().path("status").path("readyReplicas").asInt(0);
    }

    static int available(StoredObject rs) {
        return rs.json().path("status").path("availableReplicas").asInt(0);
    }

    static Instant created(StoredObject rs) {
        return Instant.parse(Json.text(rs.json(), "metadata", "creationTimestamp"));
    }

    static JsonNode template(StoredObject rs) {
        return rs.json().path("spec").path("template");
    }

    /** The revision annotation as a number, 0 when absent or unreadable. */
    static long revision(StoredObject rs) {
        return parse(Json.text(rs.json(), "metadata", "annotations", REVISION));
    }

    static Integer intAnnotation(StoredObject rs, String key) {
        String v = Json.text(rs.json(), "metadata", "annotations", key);
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static long parse(String v) {
        if (v == null) {
            return 0;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static int sumReplicas(List<StoredObject> sets) {
        return sets.stream().mapToInt(ReplicaSets::replicas).sum();
    }

    static int sumStatusReplicas(List<StoredObject> sets) {
        return sets.stream().mapToInt(ReplicaSets::statusReplicas).sum();
    }

    static int sumReady(List<StoredObject> sets) {
        return sets.stream().mapToInt(ReplicaSets::ready).sum();
    }

    static int sumAvailable(List<StoredObject> sets) {
        return sets.stream().mapToInt(ReplicaSets::available).sum();
    }

    static List<StoredObject> active(List<StoredObject> sets) {
        return sets.stream().filter(rs -> replicas(rs) > 0).toList();
    }

    /** Annotations a Deployment does not pass on to its ReplicaSets, nor a rollback back to the Deployment. */
    static boolean skipCopy(String key) {
        return key.equals(dev.fakecluster.internal.apiserver.ApiServer.LAST_APPLIED) || key.equals(REVISION)
                || key.equals(REVISION_HISTORY) || key.equals(DESIRED_REPLICAS) || key.equals(MAX_REPLICAS)
                || key.equals(ROLLBACK_TO);
    }
}
