package dev.fakecluster.internal.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.workload.Owners;

/**
 * The owner references {@code persistentVolumeClaimRetentionPolicy} asks for on a pod's claims
 * (stateful_set_utils.go): none for Retain/Retain; the set as controller when claims go with a
 * deleted set; the pod as controller once it is scaled away when claims go with scaled-down pods.
 * The garbage collector then deletes the claims with their owner.
 */
final class ClaimRetention {

    private ClaimRetention() {
    }

    /** Whether the claim's references follow the policy, or are someone else's to sort out (isClaimOwnerUpToDate). */
    static boolean isUpToDate(JsonNode claim, SetSpec set, JsonNode pod) {
        if (hasStaleRef(claim, "apps/v1", "StatefulSet", set.name(), set.uid())
                || hasStaleRef(claim, "v1", "Pod", PodIdentity.name(pod), uid(pod))) {
            return true;
        }
        if (hasUnexpectedController(claim, set, pod)) {
            return !hasRef(claim, set.uid()) && !hasRef(claim, uid(pod));
        }
        if (hasNonControllerOwner(claim, set, pod)) {
            return false;
        }
        return hasRef(claim, set.uid()) == wantsSetRef(set, pod) && hasRef(claim, uid(pod)) == wantsPodRef(set, pod);
    }

    /** The claim's owner references rewritten to follow the policy (updateClaimOwnerRefForSetAndPod). */
    static ArrayNode ownerReferences(JsonNode claim, SetSpec set, JsonNode pod) {
        boolean unexpected = hasUnexpectedController(claim, set, pod);
        ArrayNode refs = Json.array();
        for (JsonNode ref : Json.arrayAt(claim, "metadata", "ownerReferences")) {
            boolean ours = matches(ref, "apps/v1", "StatefulSet", set.name())
                    || matches(ref, "v1", "Pod", PodIdentity.name(pod));
            if (!ours) {
                refs.add(ref.deepCopy());
            }
        }
        if (unexpected) {
            return refs;
        }
        if (wantsSetRef(set, pod)) {
            refs.add(Owners.controllerRef(set.object()));
        }
        if (wantsPodRef(set, pod)) {
            refs.add(Json.object().put("apiVersion", "v1").put("kind", "Pod").put("name", PodIdentity.name(pod))
                    .put("uid", uid(pod)).put("controller", true).put("blockOwnerDeletion", true));
        }
        return refs;
    }

    /** Copies {@code refs} into the claim's metadata, dropping an emptied list. */
    static void setOwnerReferences(ObjectNode claim, ArrayNode refs) {
        ObjectNode meta = Json.with(claim, "metadata");
        if (refs.isEmpty()) {
            meta.remove("ownerReferences");
        } else {
            meta.set("ownerReferences", refs);
        }
    }

    /** Whether the claim names a pod of this name with another uid (an uncreated pod has none): not reusable yet. */
    static boolean isStale(JsonNode claim, JsonNode pod) {
        return hasStaleRef(claim, "v1", "Pod", PodIdentity.name(pod), uid(pod));
    }

    private static boolean wantsSetRef(SetSpec set, JsonNode pod) {
        return set.deleteClaimsWhenDeleted() && !(set.deleteClaimsWhenScaled() && scaledDown(set, pod));
    }

    private static boolean wantsPodRef(SetSpec set, JsonNode pod) {
        return set.deleteClaimsWhenScaled() && scaledDown(set, pod);
    }

    private static boolean scaledDown(SetSpec set, JsonNode pod) {
        return !set.inRange(PodIdentity.ordinal(pod));
    }

    /** A controller other than the set or the pod, or a reference to an earlier set or pod of the same name. */
    private static boolean hasUnexpectedController(JsonNode claim, SetSpec set, JsonNode pod) {
        if (set.retainsClaims()) {
            return false;
        }
        for (JsonNode ref : Json.arrayAt(claim, "metadata", "ownerReferences")) {
            String refUid = ref.path("uid").asText();
            if (matches(ref, "apps/v1", "StatefulSet", set.name())) {
                if (!refUid.equals(set.uid())) {
                    return true;
                }
            } else if (matches(ref, "v1", "Pod", PodIdentity.name(pod))) {
                if (!refUid.equals(uid(pod))) {
                    return true;
                }
            } else if (ref.path("controller").asBoolean(false)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasNonControllerOwner(JsonNode claim, SetSpec set, JsonNode pod) {
        for (JsonNode ref : Json.arrayAt(claim, "metadata", "ownerReferences")) {
            String refUid = ref.path("uid").asText();
            if ((refUid.equals(set.uid()) || refUid.equals(uid(pod))) && !ref.path("controller").asBoolean(false)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasRef(JsonNode claim, String ownerUid) {
        for (JsonNode ref : Json.arrayAt(claim, "metadata", "ownerReferences")) {
            if (ref.path("uid").asText().equals(ownerUid)) {
                return true;
            }
        }
        return false;
    }

    /** The first reference to this kind and name decides: stale when its uid is not the owner's. */
    private static boolean hasStaleRef(JsonNode claim, String apiVersion, String kind, String name, String ownerUid) {
        for (JsonNode ref : Json.arrayAt(claim, "metadata", "ownerReferences")) {
            if (matches(ref, apiVersion, kind, name)) {
                return !ref.path("uid").asText().equals(ownerUid);
            }
        }
        return false;
    }

    private static boolean matches(JsonNode ref, String apiVersion, String kind, String name) {
        return apiVersion.equals(ref.path("apiVersion").asText()) && kind.equals(ref.path("kind").asText())
                && name.equals(ref.path("name").asText());
    }

    private static String uid(JsonNode pod) {
        return pod.path("metadata").path("uid").asText("");
    }
}
