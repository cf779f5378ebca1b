package dev.fakecluster.internal.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.cron.CronSchedule;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.net.Ipv4;
import dev.fakecluster.internal.select.LabelSelector;
import dev.fakecluster.internal.services.ServiceSpecs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Validates objects the way the API server's registry strategies do: metadata for every kind, and
 * the spec rules of the built-in kinds that the fake drives (pods, workloads, services). An invalid
 * object is rejected as a whole with every error found, in the API server's order and wording.
 */
public final class ObjectValidator {

    private static final long MAX_ANNOTATIONS_BYTES = 262_144;

    private ObjectValidator() {
    }

    /** Every error in a new or updated object (already defaulted). */
    public static List<FieldError> validate(KindInfo kind, JsonNode obj) {
        List<FieldError> errs = new ArrayList<>();
        metadata(kind, obj.path("metadata"), errs);
        JsonNode spec = obj.path("spec");
        switch (kind.group() + "/" + kind.kind()) {
            case "/Pod" -> podSpec("spec", spec, List.of("Always", "OnFailure", "Never"), errs);
            case "apps/Deployment" -> workload(spec, "spec", List.of("Always"), true, errs);
            case "apps/ReplicaSet", "apps/DaemonSet", "apps/StatefulSet" ->
                    workload(spec, "spec", List.of("Always"), false, errs);
            case "batch/Job" -> job("spec", spec, errs);
            case "batch/CronJob" -> {
                cronJob(obj, spec, errs);
                job("spec.jobTemplate.spec", spec.path("jobTemplate").path("spec"), errs);
            }
            case "/Service" -> service(spec, errs);
            case "networking.k8s.io/NetworkPolicy" -> networkPolicy(spec, errs);
            default -> {
            }
        }
        return errs;
    }

    /** Each ipBlock's cidr is a CIDR (IPv4 or IPv6), and each except lies strictly inside it. */
    private static void networkPolicy(JsonNode spec, List<FieldError> errs) {
        for (String direction : List.of("ingress", "egress")) {
            String peers = direction.equals("ingress") ? "from" : "to";
            for (int i = 0; i < spec.path(direction).size(); i++) {
                JsonNode rule = spec.path(direction).get(i);
                for (int j = 0; j < rule.path(peers).size(); j++) {
                    JsonNode block = rule.path(peers).get(j).path("ipBlock");
                    if (!block.isMissingNode()) {
                        ipBlock("spec." + direction + "[" + i + "]." + peers + "[" + j + "].ipBlock", block, errs);
                    }
                }
            }
        }
    }

    private static void ipBlock(String field, JsonNode block, List<FieldError> errs) {
        String cidr = block.path("cidr").asText("");
        if (cidr.isEmpty()) {
            errs.add(FieldError.required(field + ".cidr", ""));
            return;
        }
        if (!Cidrs.isCidr(cidr)) {
            errs.add(FieldError.invalid(field + ".cidr", FieldError.quote(cidr), Cidrs.INVALID));
            return;
        }
        for (int k = 0; k < block.path("except").size(); k++) {
            String except = block.path("except").get(k).asText("");
            if (!Cidrs.isCidr(except)) {
                errs.add(FieldError.invalid(field + ".except[" + k + "]", FieldError.quote(except), Cidrs.INVALID));
            } else if (!Cidrs.strictlyInside(except, cidr)) {
                errs.add(FieldError.invalid(field + ".except[" + k + "]", FieldError.quote(except),
                        "must be a strict subset of `cidr`"));
            }
        }
    }

    /** A CronJob's name leaves room for the job suffix; its schedule and time zone must parse. */
    private static void cronJob(JsonNode obj, JsonNode spec, List<FieldError> errs) {
        String name = obj.path("metadata").path("name").asText("");
        if (name.length() > 52) {
            errs.add(FieldError.invalid("metadata.name", FieldError.quote(name), "must be no more than 52 characters"));
        }
        String schedule = spec.path("schedule").asText("");
        if (schedule.isEmpty()) {
            errs.add(FieldError.required("spec.schedule", ""));
        } else {
            try {
                CronSchedule.parse(schedule);
            } catch (IllegalArgumentException e) {
                errs.add(FieldError.invalid("spec.schedule", FieldError.quote(schedule), e.getMessage()));
            }
        }
        if (spec.hasNonNull("timeZone")) {
            String zone = spec.get("timeZone").asText();
            try {
                java.time.ZoneId.of(zone);
            } catch (java.time.DateTimeException e) {
                errs.add(FieldError.invalid("spec.timeZone", FieldError.quote(zone), "unknown time zone " + zone));
            }
        }
    }

    /** Errors in changing {@code old} into {@code updated}: immutable fields. */
    public static List<FieldError> validateUpdate(KindInfo kind, JsonNode old, JsonNode updated) {
        List<FieldError> errs = new ArrayList<>();
        switch (kind.group() + "/" + kind.kind()) {
            case "apps/Deployment", "apps/ReplicaSet", "apps/DaemonSet", "apps/StatefulSet", "batch/Job" -> {
                JsonNode before = old.path("spec").path("selector");
                JsonNode after = updated.path("spec").path("selector");
                if (!before.equals(after)) {
                    errs.add(FieldError.invalid("spec.selector", goSelector(after), "field is immutable"));
                }
            }
            case "/Service" -> clusterIpsUpdate(old.path("spec"), updated.path("spec"), errs);
            default -> {
            }
        }
        return errs;
    }

    private static void metadata(KindInfo kind, JsonNode meta, List<FieldError> errs) {
        String name = meta.path("name").asText("");
        if (name.isEmpty()) {
            errs.add(FieldError.required("metadata.name", "name or generateName is required"));
        } else {
            Function<String, List<String>> rule = switch (kind.kind()) {
                case "Namespace" -> NameRules::dns1123Label;
                case "Service" -> kind.group().isEmpty() ? NameRules::dns1035Label : NameRules::dns1123Subdomain;
                default -> NameRules::dns1123Subdomain;
            };
            for (String e : rule.apply(name)) {
                errs.add(FieldError.invalid("metadata.name", FieldError.quote(name), e));
            }
        }
        if (kind.namespaced()) {
            String ns = meta.path("namespace").asText("");
            for (String e : NameRules.dns1123Label(ns)) {
                errs.add(FieldError.invalid("metadata.namespace", FieldError.quote(ns), e));
            }
        }
        labels("metadata.labels", meta.path("labels"), errs);
        long annotationBytes = 0;
        for (Map.Entry<String, String> e : Json.stringMap(meta, "annotations").entrySet()) {
            for (String msg : NameRules.qualifiedName(e.getKey())) {
                errs.add(FieldError.invalid("metadata.annotations", FieldError.quote(e.getKey()), msg));
            }
            annotationBytes += e.getKey().getBytes(StandardCharsets.UTF_8).length
                    + e.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (annotationBytes > MAX_ANNOTATIONS_BYTES) {
            errs.add(FieldError.tooLong("metadata.annotations", "must have at most " + MAX_ANNOTATIONS_BYTES + " bytes"));
        }
    }

    private static void labels(String field, JsonNode labels, List<FieldError> errs) {
        for (Map.Entry<String, String> e : Json.stringMap(labels).entrySet()) {
            for (String msg : NameRules.qualifiedName(e.getKey())) {
                errs.add(FieldError.invalid(field, FieldError.quote(e.getKey()), msg));
            }
            for (String msg : NameRules.labelValue(e.getValue())) {
                errs.add(FieldError.invalid(field, FieldError.quote(e.getValue()), msg));
            }
        }
    }

    private static void workload(JsonNode spec, String path, List<String> restartPolicies, boolean deployment,
            List<FieldError> errs) {
        JsonNode replicas = spec.path("replicas");
        if (replicas.isNumber() && replicas.asLong() < 0) {
            errs.add(FieldError.invalid(path + ".replicas", replicas.asText(), "must be greater than or equal to 0"));
        }
        JsonNode selector = spec.path("selector");
        Map<String, String> templateLabels = Json.stringMap(spec, "template", "metadata", "labels");
        boolean absent = selector.isMissingNode() || selector.isNull();
        if (absent) {
            errs.add(FieldError.required(path + ".selector", ""));
        } else if (selector.isEmpty()) {
            errs.add(FieldError.invalid(path + ".selector", "v1.LabelSelector{MatchLabels:map[string]string(nil), "
                    + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}", "empty selector is invalid for deployment"));
        }
        // A missing selector selects nothing, so it does not match the template either (upstream says so too).
        if ((absent || !selector.isEmpty()) && !selectorMatches(selector, templateLabels)) {
            errs.add(FieldError.invalid(path + ".template.metadata.labels", FieldError.goMap(templateLabels),
                    "`selector` does not match template `labels`"));
        }
        labels(path + ".template.metadata.labels", spec.path("template").path("metadata").path("labels"), errs);
        if (deployment) {
            strategy(spec.path("strategy"), path + ".strategy", errs);
        }
        podSpec(path + ".template.spec", spec.path("template").path("spec"), restartPolicies, errs);
    }

    private static void strategy(JsonNode strategy, String path, List<FieldError> errs) {
        String type = strategy.path("type").asText("RollingUpdate");
        if (!type.equals("RollingUpdate") && !type.equals("Recreate")) {
            errs.add(FieldError.notSupported(path + ".type", type, List.of("Recreate", "RollingUpdate")));
            return;
        }
        JsonNode ru = strategy.path("rollingUpdate");
        if (type.equals("Recreate") && !ru.isMissingNode() && !ru.isNull()) {
            errs.add(FieldError.forbidden(path + ".rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"));
        }
        if (type.equals("RollingUpdate") && isZero(ru.path("maxSurge")) && isZero(ru.path("maxUnavailable"))) {
            errs.add(FieldError.invalid(path + ".rollingUpdate.maxUnavailable", intOrString(ru.path("maxUnavailable")),
                    "may not be 0 when `maxSurge` is 0"));
        }
    }

    private static boolean isZero(JsonNode v) {
        return (v.isNumber() && v.asInt() == 0) || (v.isTextual() && v.asText().equals("0%"));
    }

    private static String intOrString(JsonNode v) {
        return v.isTextual() ? FieldError.quote(v.asText()) : v.asText();
    }

    private static void job(String path, JsonNode spec, List<FieldError> errs) {
        for (String f : List.of("parallelism", "completions", "backoffLimit", "activeDeadlineSeconds")) {
            JsonNode v = spec.path(f);
            if (v.isNumber() && v.asLong() < 0) {
                errs.add(FieldError.invalid(path + "." + f, v.asText(), "must be greater than or equal to 0"));
            }
        }
        JsonNode template = spec.path("template");
        labels(path + ".template.metadata.labels", template.path("metadata").path("labels"), errs);
        podSpec(path + ".template.spec", template.path("spec"), List.of("OnFailure", "Never"), errs);
    }

    private static void podSpec(String path, JsonNode spec, List<String> restartPolicies, List<FieldError> errs) {
        Set<String> volumes = new HashSet<>();
        JsonNode vols = spec.path("volumes");
        for (int i = 0; i < vols.size(); i++) {
            String name = vols.get(i).path("name").asText("");
            String field = path + ".volumes[" + i + "].name";
            if (name.isEmpty()) {
                errs.add(FieldError.required(field, ""));
            } else if (!volumes.add(name)) {
                errs.add(FieldError.duplicate(field, FieldError.quote(name)));
            } else {
                NameRules.dns1123Label(name).forEach(e -> errs.add(FieldError.invalid(field, FieldError.quote(name), e)));
            }
        }
        JsonNode containers = spec.path("containers");
        if (!containers.isArray() || containers.isEmpty()) {
            errs.add(FieldError.required(path + ".containers", ""));
        }
        Set<String> names = new HashSet<>();
        containers(path + ".containers", containers, volumes, names, errs);
        containers(path + ".initContainers", spec.path("initContainers"), volumes, names, errs);
        String restart = spec.path("restartPolicy").asText(null);
        if (restart != null && !restartPolicies.contains(restart)) {
            errs.add(FieldError.notSupported(path + ".restartPolicy", restart, restartPolicies));
        }
    }

    private static void containers(String path, JsonNode list, Set<String> volumes, Set<String> names,
            List<FieldError> errs) {
        for (int i = 0; i < list.size(); i++) {
            JsonNode c = list.get(i);
            String at = path + "[" + i + "]";
            String name = c.path("name").asText("");
            if (name.isEmpty()) {
                errs.add(FieldError.required(at + ".name", ""));
            } else if (!names.add(name)) {
                errs.add(FieldError.duplicate(at + ".name", FieldError.quote(name)));
            } else {
                NameRules.dns1123Label(name).forEach(e -> errs.add(FieldError.invalid(at + ".name", FieldError.quote(name), e)));
            }
            if (c.path("image").asText("").isBlank()) {
                errs.add(FieldError.required(at + ".image", ""));
            }
            JsonNode ports = c.path("ports");
            for (int p = 0; p < ports.size(); p++) {
                JsonNode port = ports.get(p);
                JsonNode number = port.path("containerPort");
                if (!number.isInt() || number.asInt() < 1 || number.asInt() > 65535) {
                    errs.add(number.isMissingNode() ? FieldError.required(at + ".ports[" + p + "].containerPort", "")
                            : FieldError.invalid(at + ".ports[" + p + "].containerPort", number.asText(),
                                    "must be between 1 and 65535, inclusive"));
                }
                String portName = port.path("name").asText("");
                if (!portName.isEmpty()) {
                    String field = at + ".ports[" + p + "].name";
                    NameRules.portName(portName).forEach(e -> errs.add(FieldError.invalid(field, FieldError.quote(portName), e)));
                }
            }
            JsonNode mounts = c.path("volumeMounts");
            for (int m = 0; m < mounts.size(); m++) {
                String volume = mounts.get(m).path("name").asText("");
                if (volume.isEmpty()) {
                    errs.add(FieldError.required(at + ".volumeMounts[" + m + "].name", ""));
                } else if (!volumes.contains(volume)) {
                    errs.add(FieldError.notFound(at + ".volumeMounts[" + m + "].name", FieldError.quote(volume)));
                }
                if (mounts.get(m).path("mountPath").asText("").isEmpty()) {
                    errs.add(FieldError.required(at + ".volumeMounts[" + m + "].mountPath", ""));
                }
            }
        }
    }

    private static void service(JsonNode spec, List<FieldError> errs) {
        String type = spec.path("type").asText("ClusterIP");
        List<String> types = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
        if (!types.contains(type)) {
            errs.add(FieldError.notSupported("spec.type", type, types));
            return;
        }
        JsonNode ports = spec.path("ports");
        List<String> clusterIps = ServiceSpecs.clusterIps(spec);
        boolean headless = !clusterIps.isEmpty() && clusterIps.get(0).equals("None");
        if (type.equals("ExternalName")) {
            if (!clusterIps.isEmpty()) {
                errs.add(FieldError.forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
            }
            String cname = spec.path("externalName").asText("");
            cname = cname.endsWith(".") ? cname.substring(0, cname.length() - 1) : cname;
            if (cname.isEmpty()) {
                errs.add(FieldError.required("spec.externalName", ""));
            } else {
                for (String e : NameRules.dns1123Subdomain(cname)) {
                    errs.add(FieldError.invalid("spec.externalName", FieldError.quote(cname), e));
                }
            }
        } else {
            if (ports.isEmpty() && !headless) {
                errs.add(FieldError.required("spec.ports", ""));
            }
            for (int i = headless ? 1 : 0; i < clusterIps.size(); i++) {
                if (!Ipv4.isAddress(clusterIps.get(i))) {
                    errs.add(FieldError.invalid("spec.clusterIPs[" + i + "]", FieldError.quote(clusterIps.get(i)),
                            "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
                }
            }
            if (headless && (type.equals("NodePort") || type.equals("LoadBalancer"))) {
                errs.add(FieldError.invalid("spec.clusterIPs[0]", FieldError.quote("None"),
                        "may not be set to 'None' for " + type + " services"));
            }
        }
        sessionAffinity(spec, errs);
        Set<String> nodePorts = new HashSet<>();
        Set<String> portNames = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            JsonNode p = ports.get(i);
            String at = "spec.ports[" + i + "]";
            String name = p.path("name").asText("");
            if (ports.size() > 1 && name.isEmpty()) {
                errs.add(FieldError.required(at + ".name", ""));
            } else if (!name.isEmpty() && !portNames.add(name)) {
                errs.add(FieldError.duplicate(at + ".name", FieldError.quote(name)));
            }
            JsonNode port = p.path("port");
            if (!port.isInt() || port.asInt() < 1 || port.asInt() > 65535) {
                errs.add(port.isMissingNode() ? FieldError.required(at + ".port", "")
                        : FieldError.invalid(at + ".port", port.asText(), "must be between 1 and 65535, inclusive"));
            }
            String protocol = p.path("protocol").asText("TCP");
            if (!List.of("TCP", "UDP", "SCTP").contains(protocol)) {
                errs.add(FieldError.notSupported(at + ".protocol", protocol, List.of("SCTP", "TCP", "UDP")));
            }
            int nodePort = p.path("nodePort").asInt(0);
            if (nodePort != 0 && type.equals("ClusterIP")) {
                errs.add(FieldError.forbidden(at + ".nodePort", "may not be used when `type` is 'ClusterIP'"));
            } else if (nodePort != 0 && !nodePorts.add(protocol + "/" + nodePort)) {
                errs.add(FieldError.duplicate(at + ".nodePort", Integer.toString(nodePort)));
            }
        }
    }

    private static void sessionAffinity(JsonNode spec, List<FieldError> errs) {
        String affinity = spec.path("sessionAffinity").asText("None");
        if (!affinity.equals("None") && !affinity.equals("ClientIP")) {
            errs.add(FieldError.notSupported("spec.sessionAffinity", affinity, List.of("ClientIP", "None")));
        } else if (affinity.equals("ClientIP")) {
            JsonNode timeout = spec.path("sessionAffinityConfig").path("clientIP").path("timeoutSeconds");
            if (!timeout.isMissingNode() && (timeout.asLong() <= 0 || timeout.asLong() > 86_400)) {
                errs.add(FieldError.invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds", timeout.asText(),
                        "must be greater than 0 and less than 86400"));
            }
        }
    }

    /**
     * validateUpgradeDowngradeClusterIPs: the primary ClusterIP may not change or be unset once
     * allocated (except to or from ExternalName); headless stays headless.
     */
    private static void clusterIpsUpdate(JsonNode oldSpec, JsonNode spec, List<FieldError> errs) {
        if (ServiceSpecs.type(spec).equals("ExternalName") || ServiceSpecs.type(oldSpec).equals("ExternalName")
                || ServiceSpecs.isHeadless(oldSpec) && ServiceSpecs.isHeadless(spec)) {
            return;
        }
        List<String> before = new ArrayList<>();
        Json.arrayAt(oldSpec, "clusterIPs").forEach(ip -> before.add(ip.asText()));
        List<String> after = new ArrayList<>();
        Json.arrayAt(spec, "clusterIPs").forEach(ip -> after.add(ip.asText()));
        if (!before.isEmpty() && after.isEmpty()) {
            errs.add(FieldError.invalid("spec.clusterIPs[0]", FieldError.goStrings(after), "primary clusterIP can not be unset"));
        } else if (!before.isEmpty() && !before.get(0).equals(after.get(0))) {
            errs.add(FieldError.invalid("spec.clusterIPs[0]", FieldError.goStrings(after), "may not change once set"));
        }
    }

    private static boolean selectorMatches(JsonNode selector, Map<String, String> labels) {
        return LabelSelector.fromObject(selector).matches(labels);
    }

    /** A LabelSelector as Go's {@code %#v} prints it (for "field is immutable"). */
    private static String goSelector(JsonNode selector) {
        Map<String, String> labels = Json.stringMap(selector, "matchLabels");
        String ml = labels.isEmpty() ? "map[string]string(nil)" : FieldError.goMap(labels);
        return "v1.LabelSelector{MatchLabels:" + ml + ", MatchExpressions:[]v1.LabelSelectorRequirement(nil)}";
    }
}
