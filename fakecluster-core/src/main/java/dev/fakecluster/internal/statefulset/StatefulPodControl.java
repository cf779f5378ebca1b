package dev.fakecluster.internal.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.apiserver.DeleteOptions;
import dev.fakecluster.internal.events.EventRecorder;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.store.StoredObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates, updates and deletes a StatefulSet's pods and creates their claims
 * (stateful_pod_control.go), recording {@code SuccessfulCreate "create Pod web-0 in StatefulSet
 * web successful"}, {@code create Claim www-web-0 Pod web-0 in StatefulSet web success} and their
 * {@code Failed...} counterparts on the set. A failure is thrown as {@link SyncError}.
 */
final class StatefulPodControl {

    private final ApiServer api;
    private final EventRecorder events;
    private final KindInfo podKind;
    private final KindInfo claimKind;

    StatefulPodControl(ApiServer api, EventRecorder events) {
        this.api = api;
        this.events = events;
        this.podKind = api.resolveKind("pods");
        this.claimKind = api.resolveKind("persistentvolumeclaims");
    }

    /** Creates the pod's missing claims, then the pod; an existing pod of that name fails without an event. */
    void create(SetSpec set, ObjectNode pod) {
        try {
            createClaims(set, pod);
        } catch (SyncError e) {
            recordPodEvent("create", set, pod, e.getMessage());
            throw e;
        }
        String error = null;
        try {
            api.create(pod, set.namespace(), false);
        } catch (ApiException e) {
            if ("AlreadyExists".equals(e.reason())) {
                throw new SyncError(e.getMessage());
            }
            error = e.getMessage();
        }
        updateClaimsForRetention(set, pod);
        recordPodEvent("create", set, pod, error);
        if (error != null) {
            throw new SyncError(error);
        }
    }

    /** Deletes the pod gracefully; its claims stay. */
    void delete(SetSpec set, JsonNode pod) {
        try {
            api.delete(podKind, set.namespace(), PodIdentity.name(pod), DeleteOptions.defaults());
        } catch (ApiException e) {
            recordPodEvent("delete", set, pod, e.getMessage());
            throw new SyncError(e.getMessage());
        }
        recordPodEvent("delete", set, pod, null);
    }

    /** Restores the pod's identity and storage and its claims' owners where they drifted (UpdateStatefulPod). */
    void update(SetSpec set, JsonNode pod) {
        boolean consistent = PodIdentity.identityMatches(set, pod) && PodIdentity.storageMatches(set, pod);
        if (!PodIdentity.storageMatches(set, pod)) {
            try {
                createClaims(set, pod);
            } catch (SyncError e) {
                recordPodEvent("update", set, pod, e.getMessage());
                throw e;
            }
        }
        if (!claimsMatchRetention(set, pod)) {
            updateClaimsForRetention(set, pod);
            consistent = false;
        }
        if (consistent) {
            return;
        }
        String error;
        try {
            StoredObject updated = api.mutate(podKind, set.namespace(), PodIdentity.name(pod), o -> {
                if (!PodIdentity.identityMatches(set, o)) {
                    PodIdentity.updateIdentity(set, o);
                }
                if (!PodIdentity.storageMatches(set, o)) {
                    PodIdentity.updateStorage(set, o);
                }
                return o;
            });
            error = updated == null ? "pods \"" + PodIdentity.name(pod) + "\" not found" : null;
        } catch (ApiException e) {
            error = e.getMessage();
        }
        recordPodEvent("update", set, pod, error);
        if (error != null) {
            throw new SyncError(error);
        }
    }

    /** Creates the claims a pending pod still lacks and sets their owners (createMissingPersistentVolumeClaims). */
    void createMissingClaims(SetSpec set, JsonNode pod) {
        createClaims(set, pod);
        updateClaimsForRetention(set, pod);
    }

    /** Whether every existing claim of the pod carries the owners its retention policy asks for. */
    boolean claimsMatchRetention(SetSpec set, JsonNode pod) {
        for (ObjectNode wanted : PodIdentity.claims(set, pod)) {
            StoredObject claim = claim(set, wanted);
            if (claim != null && !ClaimRetention.isUpToDate(claim.json(), set, pod)) {
                return false;
            }
        }
        return true;
    }

    /** Rewrites the owners of the pod's claims to follow the retention policy (UpdatePodClaimForRetentionPolicy). */
    void updateClaimsForRetention(SetSpec set, JsonNode pod) {
        for (ObjectNode wanted : PodIdentity.claims(set, pod)) {
            StoredObject claim = claim(set, wanted);
            if (claim == null || ClaimRetention.isUpToDate(claim.json(), set, pod)) {
                continue;
            }
            ArrayNode refs = ClaimRetention.ownerReferences(claim.json(), set, pod);
            api.mutate(claimKind, claim.namespace(), claim.name(), o -> {
                ClaimRetention.setOwnerReferences(o, refs);
                return o;
            });
        }
    }

    /** Whether a claim still belongs to an earlier pod of this name, which blocks creating it (PodClaimIsStale). */
    boolean claimIsStale(SetSpec set, JsonNode pod) {
        if (!set.deleteClaimsWhenScaled()) {
            return false;
        }
        for (ObjectNode wanted : PodIdentity.claims(set, pod)) {
            StoredObject claim = claim(set, wanted);
            if (claim != null && ClaimRetention.isStale(claim.json(), pod)) {
                return true;
            }
        }
        return false;
    }

    /** Creates each missing claim (createPersistentVolumeClaims); one being deleted is an error too. */
    private void createClaims(SetSpec set, JsonNode pod) {
        List<String> errors = new ArrayList<>();
        for (ObjectNode wanted : PodIdentity.claims(set, pod)) {
            String name = wanted.path("metadata").path("name").asText();
            StoredObject existing = claim(set, wanted);
            if (existing != null) {
                if (existing.isDeleting()) {
                    errors.add("pvc " + name + " is being deleted");
                }
                continue;
            }
            try {
                api.create(wanted, set.namespace(), false);
                recordClaimEvent(set, pod, name, null);
            } catch (ApiException e) {
                errors.add("failed to create PVC " + name + ": " + e.getMessage());
                if (!"AlreadyExists".equals(e.reason())) {
                    recordClaimEvent(set, pod, name, e.getMessage());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new SyncError(errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]");
        }
    }

    private StoredObject claim(SetSpec set, ObjectNode wanted) {
        return api.state().get(StoredObject.key(claimKind.resource(), set.namespace(),
                wanted.path("metadata").path("name").asText()));
    }

    private void recordPodEvent(String verb, SetSpec set, JsonNode pod, String error) {
        String subject = " Pod " + PodIdentity.name(pod) + " in StatefulSet " + set.name();
        record(set, verb, error == null ? verb + subject + " successful" : verb + subject + " failed error: " + error,
                error == null);
    }

    private void recordClaimEvent(SetSpec set, JsonNode pod, String claim, String error) {
        String pods = " Pod " + PodIdentity.name(pod) + " in StatefulSet " + set.name();
        record(set, "create", error == null ? "create Claim " + claim + pods + " success"
                : "create Claim " + claim + " for" + pods + " failed error: " + error, error == null);
    }

    private void record(SetSpec set, String verb, String message, boolean success) {
        String title = Character.toUpperCase(verb.charAt(0)) + verb.substring(1);
        if (success) {
            events.normal(set.object(), StatefulSetController.COMPONENT, "Successful" + title, message);
        } else {
            events.warning(set.object(), StatefulSetController.COMPONENT, "Failed" + title, message);
        }
    }
}
