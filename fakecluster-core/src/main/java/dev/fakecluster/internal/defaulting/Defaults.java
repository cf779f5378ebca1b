package dev.fakecluster.internal.defaulting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The API server's defaulting for the current versions (the {@code SetDefaults_*} functions of
 * {@code pkg/apis/.../v1/defaults.go}) plus the admission defaults every pod gets. Runs on every
 * create and update, so it must be idempotent.
 */
public final class Defaults {

    private Defaults() {
    }

    /** Fills in defaults for {@code obj} of {@code kind}, in place. */
    public static void apply(KindInfo kind, ObjectNode obj) {
        ObjectNode spec = Json.objectAt(obj, "spec");
        switch (kind.group() + "/" + kind.kind()) {
            case "/Pod" -> pod(obj);
            case "apps/Deployment" -> {
                putIfAbsent(spec, "replicas", 1);
                ObjectNode strategy = Json.with(spec, "strategy");
                putIfAbsent(strategy, "type", "RollingUpdate");
                if ("RollingUpdate".equals(strategy.path("type").asText())) {
                    ObjectNode ru = Json.with(strategy, "rollingUpdate");
                    putIfAbsent(ru, "maxUnavailable", "25%");
                    putIfAbsent(ru, "maxSurge", "25%");
                }
                putIfAbsent(spec, "revisionHistoryLimit", 10);
                putIfAbsent(spec, "progressDeadlineSeconds", 600);
                template(spec);
            }
            case "apps/ReplicaSet" -> {
                putIfAbsent(spec, "replicas", 1);
                template(spec);
            }
            case "apps/DaemonSet" -> {
                ObjectNode strategy = Json.with(spec, "updateStrategy");
                putIfAbsent(strategy, "type", "RollingUpdate");
                if ("RollingUpdate".equals(strategy.path("type").asText())) {
                    ObjectNode ru = Json.with(strategy, "rollingUpdate");
                    putIfAbsent(ru, "maxUnavailable", 1);
                    putIfAbsent(ru, "maxSurge", 0);
                }
                putIfAbsent(spec, "revisionHistoryLimit", 10);
                template(spec);
            }
            case "apps/StatefulSet" -> {
                putIfAbsent(spec, "replicas", 1);
                putIfAbsent(spec, "podManagementPolicy", "OrderedReady");
                ObjectNode strategy = Json.with(spec, "updateStrategy");
                putIfAbsent(strategy, "type", "RollingUpdate");
                if ("RollingUpdate".equals(strategy.path("type").asText())) {
                    putIfAbsent(Json.with(strategy, "rollingUpdate"), "partition", 0);
                }
                putIfAbsent(spec, "revisionHistoryLimit", 10);
                ObjectNode retention = Json.with(spec, "persistentVolumeClaimRetentionPolicy");
                putIfAbsent(retention, "whenDeleted", "Retain");
                putIfAbsent(retention, "whenScaled", "Retain");
                template(spec);
            }
            case "batch/Job" -> job(spec);
            case "batch/CronJob" -> {
                putIfAbsent(spec, "concurrencyPolicy", "Allow");
                putIfAbsent(spec, "suspend", false);
                putIfAbsent(spec, "successfulJobsHistoryLimit", 3);
                putIfAbsent(spec, "failedJobsHistoryLimit", 1);
                ObjectNode jobSpec = Json.with(spec, "jobTemplate", "spec");
                template(jobSpec);
            }
            case "/Service" -> service(spec);
            case "/Secret" -> secret(obj);
            case "/Namespace" -> {
                String name = Json.text(obj, "metadata", "name");
                if (name != null) {
                    Json.with(obj, "metadata", "labels").put("kubernetes.io/metadata.name", name);
                }
                ObjectNode nsSpec = Json.with(obj, "spec");
                if (!nsSpec.has("finalizers")) {
                    nsSpec.putArray("finalizers").add("kubernetes");
                }
                putIfAbsent(Json.with(obj, "status"), "phase", "Active");
            }
            default -> {
            }
        }
    }

    /**
     * {@code type: Opaque} unless set, and the write-only {@code stringData} merged into {@code data}
     * (base64, overriding the same keys) and dropped, as the v1 to internal conversion does.
     */
    private static void secret(ObjectNode secret) {
        putIfAbsent(secret, "type", "Opaque");
        JsonNode stringData = secret.remove("stringData");
        if (stringData instanceof ObjectNode plain && !plain.isEmpty()) {
            ObjectNode data = Json.with(secret, "data");
            plain.properties().forEach(e -> data.put(e.getKey(),
                    Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8))));
        }
    }

    private static void job(ObjectNode spec) {
        boolean hasCompletions = spec.hasNonNull("completions");
        boolean hasParallelism = spec.hasNonNull("parallelism");
        if (!hasCompletions && !hasParallelism) {
            spec.put("completions", 1);
            spec.put("parallelism", 1);
        } else if (!hasParallelism) {
            spec.put("parallelism", 1);
        }
        putIfAbsent(spec, "backoffLimit", 6);
        putIfAbsent(spec, "completionMode", "NonIndexed");
        putIfAbsent(spec, "suspend", false);
        putIfAbsent(spec, "podReplacementPolicy", spec.has("podFailurePolicy") ? "Failed" : "TerminatingOrFailed");
        template(spec);
    }

    private static void template(ObjectNode workloadSpec) {
        if (workloadSpec == null) {
            return;
        }
        ObjectNode template = Json.objectAt(workloadSpec, "template");
        if (template != null) {
            Json.with(template, "metadata");
            podSpec(Json.with(template, "spec"));
        }
    }

    private static void pod(ObjectNode pod) {
        ObjectNode spec = Json.with(pod, "spec");
        podSpec(spec);
        // Admission plugins (ServiceAccount, Priority, DefaultTolerationSeconds).
        putIfAbsent(spec, "serviceAccountName", "default");
        putIfAbsent(spec, "serviceAccount", spec.path("serviceAccountName").asText());
        putIfAbsent(spec, "priority", 0);
        putIfAbsent(spec, "preemptionPolicy", "PreemptLowerPriority");
        ArrayNode tolerations = spec.has("tolerations") && spec.get("tolerations").isArray()
                ? (ArrayNode) spec.get("tolerations") : spec.putArray("tolerations");
        defaultToleration(tolerations, "node.kubernetes.io/not-ready");
        defaultToleration(tolerations, "node.kubernetes.io/unreachable");
    }

    private static void defaultToleration(ArrayNode tolerations, String key) {
        for (JsonNode t : tolerations) {
            String effect = t.path("effect").asText("");
            boolean coversKey = key.equals(t.path("key").asText()) || (!t.has("key") && "Exists".equals(t.path("operator").asText()));
            if (coversKey && (effect.isEmpty() || effect.equals("NoExecute"))) {
                return;
            }
        }
        tolerations.addObject().put("key", key).put("operator", "Exists").put("effect", "NoExecute")
                .put("tolerationSeconds", 300);
    }

    private static void podSpec(ObjectNode spec) {
        putIfAbsent(spec, "restartPolicy", "Always");
        putIfAbsent(spec, "terminationGracePeriodSeconds", 30);
        putIfAbsent(spec, "dnsPolicy", "ClusterFirst");
        putIfAbsent(spec, "schedulerName", "default-scheduler");
        putIfAbsent(spec, "enableServiceLinks", true);
        if (!spec.has("securityContext")) {
            spec.putObject("securityContext");
        }
        for (String list : new String[] {"initContainers", "containers"}) {
            for (JsonNode c : Json.arrayAt(spec, list)) {
                if (c.isObject()) {
                    container((ObjectNode) c);
                }
            }
        }
    }

    private static void container(ObjectNode c) {
        putIfAbsent(c, "terminationMessagePath", "/dev/termination-log");
        putIfAbsent(c, "terminationMessagePolicy", "File");
        putIfAbsent(c, "imagePullPolicy", pullPolicy(c.path("image").asText("")));
        if (!c.has("resources")) {
            c.putObject("resources");
        }
        for (JsonNode p : Json.arrayAt(c, "ports")) {
            if (p.isObject()) {
                putIfAbsent((ObjectNode) p, "protocol", "TCP");
            }
        }
        for (String probe : new String[] {"livenessProbe", "readinessProbe", "startupProbe"}) {
            ObjectNode p = Json.objectAt(c, probe);
            if (p != null) {
                putIfAbsent(p, "timeoutSeconds", 1);
                putIfAbsent(p, "periodSeconds", 10);
                putIfAbsent(p, "successThreshold", 1);
                putIfAbsent(p, "failureThreshold", 3);
                ObjectNode http = Json.objectAt(p, "httpGet");
                if (http != null) {
                    putIfAbsent(http, "path", "/");
                    putIfAbsent(http, "scheme", "HTTP");
                }
            }
        }
    }

    /** {@code Always} for {@code :latest} or untagged images, else {@code IfNotPresent}. */
    static String pullPolicy(String image) {
        String ref = image;
        int at = ref.indexOf('@');
        if (at >= 0) {
            return "IfNotPresent";
        }
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        if (colon <= slash) {
            return "Always";
        }
        return ref.substring(colon + 1).equals("latest") ? "Always" : "IfNotPresent";
    }

    private static void service(ObjectNode spec) {
        if (spec == null) {
            return;
        }
        putIfAbsent(spec, "type", "ClusterIP");
        String type = spec.path("type").asText();
        if (type.equals("ExternalName")) {
            return;
        }
        putIfAbsent(spec, "sessionAffinity", "None");
        if ("ClientIP".equals(spec.path("sessionAffinity").asText())) {
            putIfAbsent(Json.with(spec, "sessionAffinityConfig", "clientIP"), "timeoutSeconds", 10800);
        }
        for (JsonNode p : Json.arrayAt(spec, "ports")) {
            if (p.isObject()) {
                ObjectNode port = (ObjectNode) p;
                putIfAbsent(port, "protocol", "TCP");
                if (!port.has("targetPort") && port.has("port")) {
                    port.set("targetPort", port.get("port"));
                }
            }
        }
        if (!spec.has("ipFamilies")) {
            spec.putArray("ipFamilies").add("IPv4");
        }
        putIfAbsent(spec, "ipFamilyPolicy", "SingleStack");
        putIfAbsent(spec, "internalTrafficPolicy", "Cluster");
        if (type.equals("NodePort") || type.equals("LoadBalancer")) {
            putIfAbsent(spec, "externalTrafficPolicy", "Cluster");
        }
        if (type.equals("LoadBalancer")) {
            putIfAbsent(spec, "allocateLoadBalancerNodePorts", true);
        }
    }

    private static void putIfAbsent(ObjectNode node, String field, Object value) {
        if (node == null || (node.has(field) && !node.get(field).isNull())) {
            return;
        }
        if (value instanceof Integer i) {
            node.put(field, i);
        } else if (value instanceof Boolean b) {
            node.put(field, b);
        } else {
            node.put(field, (String) value);
        }
    }
}
