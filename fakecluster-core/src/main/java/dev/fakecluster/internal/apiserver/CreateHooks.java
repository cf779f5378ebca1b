package dev.fakecluster.internal.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import java.util.Set;

/**
 * What the registry strategies' {@code PrepareForCreate} do beyond defaulting: reset status that
 * users may not set, and the pieces that need the new object's uid (a Job's generated selector).
 */
final class CreateHooks {

    /** Kinds whose status a creator may set (a kubelet registers its Node with status). */
    private static final Set<String> KEEP_STATUS = Set.of("/Node", "/Namespace");

    private CreateHooks() {
    }

    static void prepare(KindInfo kind, ObjectNode o, String uid) {
        String id = kind.group() + "/" + kind.kind();
        if (kind.statusSubresource() && !KEEP_STATUS.contains(id)) {
            o.remove("status");
        }
        switch (id) {
            case "/Pod" -> Json.with(o, "status").put("phase", "Pending").put("qosClass", qosClass(o));
            case "batch/Job" -> jobSelector(o, uid);
            case "apps/DaemonSet" -> TemplateGeneration.onCreate(o);
            default -> {
            }
        }
    }

    private static void jobSelector(ObjectNode job, String uid) {
        ObjectNode spec = Json.with(job, "spec");
        if (spec.path("manualSelector").asBoolean(false)) {
            return;
        }
        String name = Json.text(job, "metadata", "name");
        spec.putObject("selector").putObject("matchLabels").put("batch.kubernetes.io/controller-uid", uid);
        ObjectNode labels = Json.with(spec, "template", "metadata", "labels");
        labels.put("batch.kubernetes.io/controller-uid", uid);
        labels.put("batch.kubernetes.io/job-name", name);
        labels.put("controller-uid", uid);
        labels.put("job-name", name);
    }

    /** {@code Guaranteed}, {@code Burstable} or {@code BestEffort}, by the kubelet's QoS rules. */
    static String qosClass(ObjectNode pod) {
        boolean any = false;
        boolean guaranteed = true;
        for (String list : new String[] {"initContainers", "containers"}) {
            for (var c : Json.arrayAt(pod, "spec", list)) {
                var requests = c.path("resources").path("requests");
                var limits = c.path("resources").path("limits");
                for (String r : new String[] {"cpu", "memory"}) {
                    if (requests.has(r) || limits.has(r)) {
                        any = true;
                    }
                    String limit = limits.path(r).asText(null);
                    String request = requests.path(r).asText(limit);
                    if (limit == null || !limit.equals(request)) {
                        guaranteed = false;
                    }
                }
            }
        }
        if (!any) {
            return "BestEffort";
        }
        return guaranteed ? "Guaranteed" : "Burstable";
    }
}
