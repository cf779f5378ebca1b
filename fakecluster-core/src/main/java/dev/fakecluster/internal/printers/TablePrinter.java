package dev.fakecluster.internal.printers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The columns {@code kubectl get} prints per kind, and the plain-text table kubectl renders from
 * them (columns padded to width + 3 spaces, the last unpadded).
 */
public final class TablePrinter {

    private TablePrinter() {
    }

    /**
     * One column.
     *
     * @param name the header
     * @param cell the cell of one object
     */
    public record Column(String name, Function<JsonNode, String> cell) {
    }

    /** The columns for a kind; {@code now} is the time ages are measured against. */
    public static List<Column> columns(KindInfo kind, Instant now) {
        Column name = new Column("NAME", o -> o.path("metadata").path("name").asText());
        Column age = new Column("AGE", o -> age(o, now));
        return switch (kind.group() + "/" + kind.kind()) {
            case "/Namespace" -> List.of(name, new Column("STATUS", o -> o.path("status").path("phase").asText()), age);
            case "/Node" -> List.of(name, new Column("STATUS", TablePrinter::nodeStatus),
                    new Column("ROLES", TablePrinter::nodeRoles), age,
                    new Column("VERSION", o -> o.path("status").path("nodeInfo").path("kubeletVersion").asText()));
            case "/Pod" -> List.of(name, new Column("READY", TablePrinter::podReady),
                    new Column("STATUS", TablePrinter::podStatus), new Column("RESTARTS", o -> podRestarts(o, now)), age);
            case "apps/Deployment" -> List.of(name,
                    new Column("READY", o -> num(o, "status", "readyReplicas") + "/" + num(o, "spec", "replicas")),
                    new Column("UP-TO-DATE", o -> num(o, "status", "updatedReplicas")),
                    new Column("AVAILABLE", o -> num(o, "status", "availableReplicas")), age);
            case "apps/ReplicaSet" -> List.of(name, new Column("DESIRED", o -> num(o, "spec", "replicas")),
                    new Column("CURRENT", o -> num(o, "status", "replicas")),
                    new Column("READY", o -> num(o, "status", "readyReplicas")), age);
            case "apps/StatefulSet" -> List.of(name,
                    new Column("READY", o -> num(o, "status", "readyReplicas") + "/" + num(o, "spec", "replicas")), age);
            case "apps/DaemonSet" -> List.of(name, new Column("DESIRED", o -> num(o, "status", "desiredNumberScheduled")),
                    new Column("CURRENT", o -> num(o, "status", "currentNumberScheduled")),
                    new Column("READY", o -> num(o, "status", "numberReady")),
                    new Column("UP-TO-DATE", o -> num(o, "status", "updatedNumberScheduled")),
                    new Column("AVAILABLE", o -> num(o, "status", "numberAvailable")),
                    new Column("NODE SELECTOR", o -> selector(o.path("spec").path("template").path("spec")
                            .path("nodeSelector"))), age);
            case "batch/Job" -> List.of(name, new Column("STATUS", TablePrinter::jobStatus),
                    new Column("COMPLETIONS", TablePrinter::jobCompletions),
                    new Column("DURATION", o -> jobDuration(o, now)), age);
            case "batch/CronJob" -> List.of(name, new Column("SCHEDULE", o -> o.path("spec").path("schedule").asText()),
                    new Column("TIMEZONE", o -> o.path("spec").path("timeZone").asText("<none>")),
                    new Column("SUSPEND", o -> o.path("spec").path("suspend").asText("False").equals("true") ? "True" : "False"),
                    new Column("ACTIVE", o -> Integer.toString(o.path("status").path("active").size())),
                    new Column("LAST SCHEDULE", o -> o.path("status").has("lastScheduleTime")
                            ? Age.human(Duration.between(Instant.parse(o.path("status").path("lastScheduleTime").asText()), now))
                            : "<none>"), age);
            case "/Service" -> List.of(name, new Column("TYPE", o -> o.path("spec").path("type").asText()),
                    new Column("CLUSTER-IP", o -> o.path("spec").path("clusterIP").asText("<none>")),
                    new Column("EXTERNAL-IP", TablePrinter::externalIp), new Column("PORT(S)", TablePrinter::ports), age);
            case "/Endpoints" -> List.of(name, new Column("ENDPOINTS", TablePrinter::endpoints), age);
            case "discovery.k8s.io/EndpointSlice" -> List.of(name,
                    new Column("ADDRESSTYPE", o -> o.path("addressType").asText()),
                    new Column("PORTS", TablePrinter::slicePorts), new Column("ENDPOINTS", TablePrinter::sliceEndpoints), age);
            case "/ConfigMap" -> List.of(name,
                    new Column("DATA", o -> Integer.toString(o.path("data").size() + o.path("binaryData").size())), age);
            case "/Secret" -> List.of(name, new Column("TYPE", o -> o.path("type").asText("Opaque")),
                    new Column("DATA", o -> Integer.toString(o.path("data").size())), age);
            case "policy/PodDisruptionBudget" -> List.of(name,
                    new Column("MIN AVAILABLE", o -> o.path("spec").path("minAvailable").asText("N/A")),
                    new Column("MAX UNAVAILABLE", o -> o.path("spec").path("maxUnavailable").asText("N/A")),
                    new Column("ALLOWED DISRUPTIONS", o -> num(o, "status", "disruptionsAllowed")), age);
            case "/PersistentVolume" -> List.of(name, new Column("CAPACITY", o -> text(o.path("spec").path("capacity").path("storage"), "")),
                    new Column("ACCESS MODES", o -> accessModes(o.path("spec").path("accessModes"))),
                    new Column("RECLAIM POLICY", o -> text(o.path("spec").path("persistentVolumeReclaimPolicy"), "")),
                    new Column("STATUS", o -> text(o.path("status").path("phase"), "")),
                    new Column("CLAIM", TablePrinter::claim),
                    new Column("STORAGECLASS", o -> text(o.path("spec").path("storageClassName"), "")),
                    new Column("VOLUMEATTRIBUTESCLASS", o -> text(o.path("spec").path("volumeAttributesClassName"), "<unset>")),
                    new Column("REASON", o -> text(o.path("status").path("reason"), "")), age);
            case "/PersistentVolumeClaim" -> List.of(name, new Column("STATUS", o -> text(o.path("status").path("phase"), "")),
                    new Column("VOLUME", o -> text(o.path("spec").path("volumeName"), "")),
                    new Column("CAPACITY", o -> text(o.path("status").path("capacity").path("storage"), "")),
                    new Column("ACCESS MODES", o -> accessModes(o.path("status").path("accessModes"))),
                    new Column("STORAGECLASS", o -> text(o.path("spec").path("storageClassName"), "")),
                    new Column("VOLUMEATTRIBUTESCLASS", o -> text(o.path("spec").path("volumeAttributesClassName"), "<unset>")),
                    age);
            case "autoscaling/HorizontalPodAutoscaler" -> List.of(name,
                    new Column("REFERENCE", o -> o.path("spec").path("scaleTargetRef").path("kind").asText() + "/"
                            + o.path("spec").path("scaleTargetRef").path("name").asText()),
                    new Column("TARGETS", TablePrinter::hpaTargets),
                    new Column("MINPODS", o -> text(o.path("spec").path("minReplicas"), "<unset>")),
                    new Column("MAXPODS", o -> num(o, "spec", "maxReplicas")),
                    new Column("REPLICAS", o -> num(o, "status", "currentReplicas")), age);
            default -> List.of(name, age);
        };
    }

    private static String text(JsonNode value, String fallback) {
        return value.isMissingNode() || value.isNull() || value.asText().isEmpty() ? fallback : value.asText();
    }

    /** Access modes abbreviated in kubectl's fixed order: RWO, ROX, RWX, RWOP. */
    private static String accessModes(JsonNode modes) {
        List<String> out = new ArrayList<>();
        String[][] known = {{"ReadWriteOnce", "RWO"}, {"ReadOnlyMany", "ROX"}, {"ReadWriteMany", "RWX"},
            {"ReadWriteOncePod", "RWOP"}};
        for (String[] k : known) {
            for (JsonNode m : modes) {
                if (m.asText().equals(k[0]) && !out.contains(k[1])) {
                    out.add(k[1]);
                }
            }
        }
        return String.join(",", out);
    }

    private static String claim(JsonNode pv) {
        JsonNode ref = pv.path("spec").path("claimRef");
        return ref.isMissingNode() ? "" : ref.path("namespace").asText() + "/" + ref.path("name").asText();
    }

    /** autoscaling/v2 metrics as 1.32 prints them: {@code cpu: <unknown>/80%}, current values once reported. */
    private static String hpaTargets(JsonNode hpa) {
        List<String> out = new ArrayList<>();
        JsonNode current = hpa.path("status").path("currentMetrics");
        int i = 0;
        for (JsonNode metric : hpa.path("spec").path("metrics")) {
            JsonNode now = current.path(i++);
            if ("Resource".equals(metric.path("type").asText())) {
                JsonNode target = metric.path("resource").path("target");
                String name = metric.path("resource").path("name").asText();
                if (target.has("averageUtilization")) {
                    JsonNode value = now.path("resource").path("current").path("averageUtilization");
                    out.add(name + ": " + (value.isMissingNode() ? "<unknown>" : value.asText() + "%") + "/"
                            + target.path("averageUtilization").asText() + "%");
                } else {
                    JsonNode value = now.path("resource").path("current").path("averageValue");
                    out.add(name + ": " + (value.isMissingNode() ? "<unknown>" : value.asText()) + "/"
                            + target.path("averageValue").asText());
                }
            } else {
                out.add("<unknown>/<unknown>");
            }
        }
        return out.isEmpty() ? "<none>" : String.join(", ", out);
    }

    /** Renders rows the way kubectl does, including {@code NAMESPACE} first when asked. */
    public static String render(List<Column> columns, List<JsonNode> objects, boolean withNamespace) {
        List<String> header = new ArrayList<>();
        if (withNamespace) {
            header.add("NAMESPACE");
        }
        columns.forEach(c -> header.add(c.name()));
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        for (JsonNode o : objects) {
            List<String> row = new ArrayList<>();
            if (withNamespace) {
                row.add(o.path("metadata").path("namespace").asText());
            }
            columns.forEach(c -> row.add(c.cell().apply(o)));
            rows.add(row);
        }
        int[] widths = new int[header.size()];
        rows.forEach(r -> {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        });
        StringBuilder b = new StringBuilder();
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                b.append(i == r.size() - 1 ? r.get(i) : String.format("%-" + (widths[i] + 3) + "s", r.get(i)));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String num(JsonNode o, String... path) {
        return Objects.requireNonNullElse(Json.text(o, path), "0");
    }

    private static String age(JsonNode o, Instant now) {
        String created = o.path("metadata").path("creationTimestamp").asText(null);
        return created == null ? "<unknown>" : Age.human(Duration.between(Instant.parse(created), now));
    }

    private static String nodeStatus(JsonNode node) {
        String ready = "Unknown";
        for (JsonNode c : node.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asText())) {
                ready = "True".equals(c.path("status").asText()) ? "Ready" : "NotReady";
            }
        }
        return node.path("spec").path("unschedulable").asBoolean(false) ? ready + ",SchedulingDisabled" : ready;
    }

    private static String nodeRoles(JsonNode node) {
        TreeSet<String> roles = new TreeSet<>();
        for (Map.Entry<String, String> l : Json.stringMap(node, "metadata", "labels").entrySet()) {
            if (l.getKey().startsWith("node-role.kubernetes.io/")) {
                roles.add(l.getKey().substring("node-role.kubernetes.io/".length()));
            } else if (l.getKey().equals("kubernetes.io/role")) {
                roles.add(l.getValue());
            }
        }
        return roles.isEmpty() ? "<none>" : String.join(",", roles);
    }

    private static String podReady(JsonNode pod) {
        int total = pod.path("spec").path("containers").size();
        int ready = 0;
        for (JsonNode s : pod.path("status").path("containerStatuses")) {
            if (s.path("ready").asBoolean(false)) {
                ready++;
            }
        }
        return ready + "/" + total;
    }

    /** kubectl's printPod: init containers first ({@code Init:1/2}), then the first container with a reason. */
    private static String podStatus(JsonNode pod) {
        JsonNode status = pod.path("status");
        String reason = status.path("reason").asText(status.path("phase").asText("Pending"));
        boolean initializing = false;
        JsonNode inits = status.path("initContainerStatuses");
        for (int i = 0; i < inits.size(); i++) {
            JsonNode terminated = inits.get(i).path("state").path("terminated");
            JsonNode waiting = inits.get(i).path("state").path("waiting");
            if (terminated.isObject() && terminated.path("exitCode").asInt() == 0) {
                continue;
            }
            initializing = true;
            if (terminated.isObject()) {
                reason = "Init:" + terminated.path("reason").asText("ExitCode:" + terminated.path("exitCode").asInt());
            } else if (waiting.has("reason") && !waiting.path("reason").asText().equals("PodInitializing")) {
                reason = "Init:" + waiting.path("reason").asText();
            } else {
                reason = "Init:" + i + "/" + pod.path("spec").path("initContainers").size();
            }
            break;
        }
        if (!initializing) {
            boolean hasRunning = false;
            JsonNode containers = status.path("containerStatuses");
            for (int i = containers.size() - 1; i >= 0; i--) {
                JsonNode state = containers.get(i).path("state");
                if (state.path("waiting").has("reason")) {
                    reason = state.path("waiting").path("reason").asText();
                } else if (state.path("terminated").isObject()) {
                    reason = state.path("terminated").path("reason").asText("ExitCode:"
                            + state.path("terminated").path("exitCode").asInt());
                } else if (containers.get(i).path("ready").asBoolean() && state.path("running").isObject()) {
                    hasRunning = true;
                }
            }
            if (reason.equals("Completed") && hasRunning) {
                reason = "Running";
            }
        }
        return pod.path("metadata").hasNonNull("deletionTimestamp") ? "Terminating" : reason;
    }

    /** The restarts, and since 1.22 how long ago the last instance ended: {@code 2 (36s ago)}. */
    private static String podRestarts(JsonNode pod, Instant now) {
        int restarts = 0;
        Instant lastEnded = null;
        for (JsonNode s : pod.path("status").path("containerStatuses")) {
            restarts += s.path("restartCount").asInt(0);
            String finished = Json.text(s, "lastState", "terminated", "finishedAt");
            if (finished != null && (lastEnded == null || Instant.parse(finished).isAfter(lastEnded))) {
                lastEnded = Instant.parse(finished);
            }
        }
        return restarts == 0 || lastEnded == null ? Integer.toString(restarts)
                : restarts + " (" + Age.human(Duration.between(lastEnded, now)) + " ago)";
    }

    /** kubectl's STATUS: the first that holds of Complete, Failed, Terminating, Suspended, FailureTarget, SuccessCriteriaMet. */
    private static String jobStatus(JsonNode job) {
        for (String type : List.of("Complete", "Failed", "Terminating", "Suspended", "FailureTarget", "SuccessCriteriaMet")) {
            if (type.equals("Terminating") ? job.path("metadata").hasNonNull("deletionTimestamp") : jobCondition(job, type)) {
                return type;
            }
        }
        return "Running";
    }

    private static boolean jobCondition(JsonNode job, String type) {
        for (JsonNode c : job.path("status").path("conditions")) {
            if (type.equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
                return true;
            }
        }
        return false;
    }

    /** kubectl's COMPLETIONS: {@code s/c}, or {@code s/1 of p} for a work queue with parallelism above 1. */
    private static String jobCompletions(JsonNode job) {
        String succeeded = num(job, "status", "succeeded");
        JsonNode spec = job.path("spec");
        if (spec.has("completions")) {
            return succeeded + "/" + num(job, "spec", "completions");
        }
        int parallelism = spec.path("parallelism").asInt(1);
        return parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
    }

    private static String jobDuration(JsonNode job, Instant now) {
        String start = job.path("status").path("startTime").asText(null);
        if (start == null) {
            return "";
        }
        String end = job.path("status").path("completionTime").asText(null);
        return Age.human(Duration.between(Instant.parse(start), end == null ? now : Instant.parse(end)));
    }

    private static String externalIp(JsonNode svc) {
        String type = svc.path("spec").path("type").asText();
        if (type.equals("ExternalName")) {
            return svc.path("spec").path("externalName").asText();
        }
        List<String> ips = new ArrayList<>();
        svc.path("status").path("loadBalancer").path("ingress").forEach(i -> ips.add(i.path("ip").asText()));
        svc.path("spec").path("externalIPs").forEach(i -> ips.add(i.asText()));
        if (!ips.isEmpty()) {
            return String.join(",", ips);
        }
        return type.equals("LoadBalancer") ? "<pending>" : "<none>";
    }

    private static String ports(JsonNode svc) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : svc.path("spec").path("ports")) {
            String port = p.path("port").asText();
            if (p.has("nodePort")) {
                port += ":" + p.path("nodePort").asText();
            }
            out.add(port + "/" + p.path("protocol").asText("TCP"));
        }
        return out.isEmpty() ? "<none>" : String.join(",", out);
    }

    /** kubectl's formatEndpoints: up to 3 {@code ip:port} of ready addresses, then {@code + N more...}. */
    private static String endpoints(JsonNode ep) {
        if (ep.path("subsets").isEmpty()) {
            return "<none>";
        }
        List<String> list = new ArrayList<>();
        int count = 0;
        boolean more = false;
        for (JsonNode subset : ep.path("subsets")) {
            JsonNode addresses = subset.path("addresses");
            if (subset.path("ports").isEmpty()) {
                count += addresses.size();
                for (JsonNode a : addresses) {
                    if (list.size() == 3) {
                        more = true;
                        break;
                    }
                    list.add(a.path("ip").asText());
                }
                continue;
            }
            for (JsonNode port : subset.path("ports")) {
                count += addresses.size();
                for (JsonNode a : addresses) {
                    if (list.size() == 3) {
                        more = true;
                        break;
                    }
                    list.add(a.path("ip").asText() + ":" + port.path("port").asText());
                }
            }
        }
        String joined = String.join(",", list);
        return more ? joined + " + " + (count - 3) + " more..." : joined;
    }

    private static String slicePorts(JsonNode slice) {
        List<String> ports = new ArrayList<>();
        slice.path("ports").forEach(p -> ports.add(p.path("port").asText()));
        return ports.isEmpty() ? "<unset>" : String.join(",", ports);
    }

    private static String sliceEndpoints(JsonNode slice) {
        List<String> list = new ArrayList<>();
        int count = 0;
        for (JsonNode e : slice.path("endpoints")) {
            for (JsonNode a : e.path("addresses")) {
                count++;
                if (list.size() < 3) {
                    list.add(a.asText());
                }
            }
        }
        if (list.isEmpty()) {
            return "<unset>";
        }
        String joined = String.join(",", list);
        return count > 3 ? joined + " + " + (count - 3) + " more..." : joined;
    }

    private static String selector(JsonNode nodeSelector) {
        if (!nodeSelector.isObject() || nodeSelector.isEmpty()) {
            return "<none>";
        }
        List<String> parts = new ArrayList<>();
        Json.stringMap(nodeSelector).forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(",", parts);
    }
}
