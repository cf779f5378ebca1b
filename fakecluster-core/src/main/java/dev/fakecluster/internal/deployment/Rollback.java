package dev.fakecluster.internal.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.errors.Errors;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.workload.Owners;
import dev.fakecluster.internal.workload.PodTemplateHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code kubectl rollout undo}, which runs in the client: copy a revision's pod template (without
 * the hash label) and its annotations back into the Deployment; the controller then makes that
 * ReplicaSet the new one again, under the next revision number.
 */
public final class Rollback {

    private Rollback() {
    }

    /**
     * Rolls {@code name} back to {@code toRevision} (0: the previous revision) and returns what
     * kubectl prints: {@code rolled back} or {@code skipped rollback (...)}.
     *
     * @throws IllegalStateException with kubectl's message when paused or the revision is unknown
     */
    public static String undo(ApiServer api, String namespace, String name, long toRevision) {
        KindInfo deployments = api.resolveKind("deployments.apps");
        StoredObject d = api.get(deployments, namespace, name).orElseThrow(() -> Errors.notFound(deployments, name));
        if (d.json().path("spec").path("paused").asBoolean(false)) {
            throw new IllegalStateException("you cannot rollback a paused deployment; resume it first with "
                    + "'kubectl rollout resume' and try again");
        }
        StoredObject target = revision(api, d, toRevision);
        if (PodTemplateHash.equalIgnoringHash(ReplicaSets.template(target), d.json().path("spec").path("template"))) {
            return "deployment.apps/" + name + " skipped rollback (current template already matches revision "
                    + ReplicaSets.revision(target) + ")";
        }
        ObjectNode template = ReplicaSets.template(target).deepCopy();
        ObjectNode labels = Json.objectAt(template, "metadata", "labels");
        if (labels != null) {
            labels.remove(PodTemplateHash.LABEL);
        }
        ObjectNode annotations = Json.object();
        for (Map.Entry<String, String> e : Json.stringMap(d.json(), "metadata", "annotations").entrySet()) {
            if (ReplicaSets.skipCopy(e.getKey())) {
                annotations.put(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, String> e : Json.stringMap(target.json(), "metadata", "annotations").entrySet()) {
            if (!ReplicaSets.skipCopy(e.getKey())) {
                annotations.put(e.getKey(), e.getValue());
            }
        }
        api.mutate(deployments, namespace, name, o -> {
            Json.with(o, "spec").set("template", template);
            Json.with(o, "metadata").set("annotations", annotations);
            return o;
        });
        return "deployment.apps/" + name + " rolled back";
    }

    private static StoredObject revision(ApiServer api, StoredObject d, long toRevision) {
        List<StoredObject> sets = new ArrayList<>();
        for (StoredObject rs : api.state().list("replicasets.apps", d.namespace())) {
            if (d.uid().equals(Owners.controllerUid(rs.json()))) {
                sets.add(rs);
            }
        }
        if (toRevision > 0) {
            return sets.stream().filter(rs -> ReplicaSets.revision(rs) == toRevision).findFirst()
                    .orElseThrow(() -> new IllegalStateException("unable to find specified revision " + toRevision
                            + " in history"));
        }
        StoredObject latest = null;
        StoredObject previous = null;
        for (StoredObject rs : sets) {
            long v = ReplicaSets.revision(rs);
            if (latest == null || v > ReplicaSets.revision(latest)) {
                previous = latest;
                latest = rs;
            } else if (previous == null || v > ReplicaSets.revision(previous)) {
                previous = rs;
            }
        }
        if (previous == null) {
            throw new IllegalStateException("no rollout history found for deployment \"" + d.name() + "\"");
        }
        return previous;
    }
}
