package dev.fakecluster.internal.defaulting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindRegistry;

/**
 * Accepts objects written for old API versions ({@code extensions/v1beta1}, {@code apps/v1beta1},
 * {@code apps/v1beta2}, {@code batch/v2alpha1}, ...) and turns them into the current version,
 * applying the defaults the old version had first, as the API server did when it served them:
 * a missing selector and missing object labels are taken from the pod template's labels, and the
 * old rollout defaults (e.g. {@code maxSurge 1 / maxUnavailable 1} and unlimited history for
 * {@code extensions/v1beta1} Deployments, {@code OnDelete} updates for old DaemonSets) are kept.
 */
public final class VersionUpgrade {

    private static final int MAX_INT32 = Integer.MAX_VALUE;

    private VersionUpgrade() {
    }

    /** Upgrades {@code obj} in place when it is of an old version; returns whether it was. */
    public static boolean upgrade(ObjectNode obj) {
        String apiVersion = Json.text(obj, "apiVersion");
        String kind = Json.text(obj, "kind");
        String target = KindRegistry.upgradedApiVersion(apiVersion, kind);
        if (target == null) {
            return false;
        }
        ObjectNode spec = Json.with(obj, "spec");
        switch (apiVersion + "/" + kind) {
            case "extensions/v1beta1/Deployment" -> {
                selectorFromTemplate(obj, spec);
                rollingUpdate(spec, 1, 1);
                putIfAbsent(spec, "revisionHistoryLimit", MAX_INT32);
                putIfAbsent(spec, "progressDeadlineSeconds", MAX_INT32);
            }
            case "apps/v1beta1/Deployment" -> {
                selectorFromTemplate(obj, spec);
                putIfAbsent(spec, "revisionHistoryLimit", 2);
            }
            case "extensions/v1beta1/DaemonSet" -> {
                selectorFromTemplate(obj, spec);
                if (!spec.has("updateStrategy")) {
                    spec.putObject("updateStrategy").put("type", "OnDelete");
                }
                putIfAbsent(spec, "templateGeneration", 1);
            }
            case "extensions/v1beta1/ReplicaSet" -> selectorFromTemplate(obj, spec);
            case "apps/v1beta1/StatefulSet" -> {
                selectorFromTemplate(obj, spec);
                if (!spec.has("updateStrategy")) {
                    spec.putObject("updateStrategy").put("type", "OnDelete");
                }
            }
            default -> {
            }
        }
        if (spec.isEmpty() && !"CronJob".equals(kind)) {
            obj.remove("spec");
        }
        obj.put("apiVersion", target);
        return true;
    }

    private static void selectorFromTemplate(ObjectNode obj, ObjectNode spec) {
        JsonNode templateLabels = Json.at(spec, "template", "metadata", "labels");
        if (templateLabels == null || !templateLabels.isObject() || templateLabels.isEmpty()) {
            return;
        }
        if (!spec.has("selector") || spec.get("selector").isNull()) {
            spec.putObject("selector").set("matchLabels", templateLabels.deepCopy());
        }
        JsonNode labels = Json.at(obj, "metadata", "labels");
        if (labels == null || labels.isEmpty()) {
            Json.with(obj, "metadata").set("labels", templateLabels.deepCopy());
        }
    }

    private static void rollingUpdate(ObjectNode spec, int maxSurge, int maxUnavailable) {
        ObjectNode strategy = Json.with(spec, "strategy");
        if (!strategy.has("type")) {
            strategy.put("type", "RollingUpdate");
        }
        if ("RollingUpdate".equals(strategy.path("type").asText())) {
            ObjectNode ru = Json.with(strategy, "rollingUpdate");
            if (!ru.has("maxUnavailable")) {
                ru.put("maxUnavailable", maxUnavailable);
            }
            if (!ru.has("maxSurge")) {
                ru.put("maxSurge", maxSurge);
            }
        }
    }

    private static void putIfAbsent(ObjectNode node, String field, int value) {
        if (!node.has(field) || node.get(field).isNull()) {
            node.put(field, value);
        }
    }
}
