package dev.fakecluster.internal.describe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pod specs as describe prints them: containers with their state, volumes, tolerations, pod templates. */
final class Containers {

    private static final Pattern METADATA_ENTRY = Pattern.compile("metadata\\.(labels|annotations)\\['(.*)'\\]");

    private Containers() {
    }

    /** DescribePodTemplate: the template of a workload, its lines indented under {@code Pod Template:}. */
    static void podTemplate(DescribeWriter w, JsonNode template) {
        w.write(0, "Pod Template:\n");
        JsonNode spec = template.path("spec");
        Meta.labels(w, "  Labels", Json.stringMap(template, "metadata", "labels"));
        Map<String, String> annotations = Json.stringMap(template, "metadata", "annotations");
        if (!annotations.isEmpty()) {
            Meta.annotations(w, "  Annotations", annotations);
        }
        if (!spec.path("serviceAccountName").asText("").isEmpty()) {
            w.line(1, "Service Account", spec.path("serviceAccountName").asText());
        }
        if (!spec.path("initContainers").isEmpty()) {
            list(w, "Init Containers", spec.path("initContainers"), null, null, "  ");
        }
        list(w, "Containers", spec.path("containers"), null, null, "  ");
        volumes(w, spec.path("volumes"), "  ");
        if (!spec.path("priorityClassName").asText("").isEmpty()) {
            w.line(1, "Priority Class Name", spec.path("priorityClassName").asText());
        }
        Meta.labels(w, "  Node-Selectors", Json.stringMap(spec, "nodeSelector"));
        tolerations(w, "  Tolerations", spec.path("tolerations"));
    }

    /** describeContainers: each container's image, ports, command, state (with statuses), resources, probes, env, mounts. */
    static void list(DescribeWriter w, String label, JsonNode containers, JsonNode statuses, JsonNode pod, String space) {
        Map<String, JsonNode> byName = new HashMap<>();
        if (statuses != null) {
            statuses.forEach(s -> byName.put(s.path("name").asText(), s));
        }
        w.write(0, space + label + ":" + (containers.isEmpty() ? " <none>" : "") + "\n");
        for (JsonNode c : containers) {
            JsonNode status = byName.get(c.path("name").asText());
            w.write(1, (space.isEmpty() ? "" : " ") + c.path("name").asText() + ":\n");
            if (status != null) {
                w.line(2, "Container ID", status.path("containerID").asText(""));
            }
            w.line(2, "Image", c.path("image").asText(""));
            if (status != null) {
                w.line(2, "Image ID", status.path("imageID").asText(""));
            }
            ports(w, c.path("ports"));
            command(w, "Command", c.path("command"));
            command(w, "Args", c.path("args"));
            if (status != null) {
                state(w, "State", status.path("state"));
                if (status.path("lastState").path("terminated").isObject()) {
                    state(w, "Last State", status.path("lastState"));
                }
                w.line(2, "Ready", status.path("ready").asBoolean(false) ? "True" : "False");
                w.line(2, "Restart Count", status.path("restartCount").asInt(0));
            }
            resources(w, c.path("resources"), 2);
            probe(w, "Liveness", c.path("livenessProbe"));
            probe(w, "Readiness", c.path("readinessProbe"));
            probe(w, "Startup", c.path("startupProbe"));
            if (!c.path("envFrom").isEmpty()) {
                envFrom(w, c.path("envFrom"));
            }
            env(w, c.path("env"), pod);
            mounts(w, c.path("volumeMounts"));
        }
    }

    private static void ports(DescribeWriter w, JsonNode ports) {
        List<String> container = new ArrayList<>();
        List<String> host = new ArrayList<>();
        for (JsonNode p : ports) {
            String protocol = p.path("protocol").asText("TCP");
            container.add(p.path("containerPort").asInt() + "/" + protocol);
            host.add(p.path("hostPort").asInt(0) + "/" + protocol);
        }
        w.line(2, container.size() > 1 ? "Ports" : "Port", container.isEmpty() ? "<none>" : String.join(", ", container));
        w.line(2, host.size() > 1 ? "Host Ports" : "Host Port", host.isEmpty() ? "<none>" : String.join(", ", host));
    }

    private static void command(DescribeWriter w, String title, JsonNode words) {
        if (words.isEmpty()) {
            return;
        }
        w.write(2, title + ":\n");
        for (JsonNode word : words) {
            for (String s : word.asText().split("\n", -1)) {
                w.write(3, s + "\n");
            }
        }
    }

    /** describeStatus: Running with its start, Waiting with a reason, Terminated with code and times. */
    private static void state(DescribeWriter w, String title, JsonNode state) {
        if (state.path("running").isObject()) {
            w.line(2, title, "Running");
            w.line(3, "Started", Meta.time(state, "running", "startedAt"));
        } else if (state.path("terminated").isObject()) {
            JsonNode t = state.path("terminated");
            w.line(2, title, "Terminated");
            if (!t.path("reason").asText("").isEmpty()) {
                w.line(3, "Reason", t.path("reason").asText());
            }
            if (!t.path("message").asText("").isEmpty()) {
                w.line(3, "Message", t.path("message").asText());
            }
            w.line(3, "Exit Code", t.path("exitCode").asInt());
            if (t.path("signal").asInt(0) > 0) {
                w.line(3, "Signal", t.path("signal").asInt());
            }
            w.line(3, "Started", Meta.time(t, "startedAt"));
            w.line(3, "Finished", Meta.time(t, "finishedAt"));
        } else {
            w.line(2, title, "Waiting");
            if (!state.path("waiting").path("reason").asText("").isEmpty()) {
                w.line(3, "Reason", state.path("waiting").path("reason").asText());
            }
        }
    }

    /** describeResources: Limits then Requests, resource names sorted. */
    static void resources(DescribeWriter w, JsonNode resources, int level) {
        for (String kind : List.of("limits", "requests")) {
            JsonNode list = resources.path(kind);
            if (list.isEmpty()) {
                continue;
            }
            w.write(level, Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + ":\n");
            new TreeMap<>(Json.stringMap(list)).forEach((name, q) -> w.line(level + 1, name, Quantity.parse(q)));
        }
    }

    private static void probe(DescribeWriter w, String title, JsonNode p) {
        if (!p.isObject()) {
            return;
        }
        String attrs = "delay=" + p.path("initialDelaySeconds").asInt(0) + "s timeout=" + p.path("timeoutSeconds").asInt(1)
                + "s period=" + p.path("periodSeconds").asInt(10) + "s #success=" + p.path("successThreshold").asInt(1)
                + " #failure=" + p.path("failureThreshold").asInt(3);
        String how;
        if (p.path("exec").isObject()) {
            List<String> command = new ArrayList<>();
            p.path("exec").path("command").forEach(c -> command.add(c.asText()));
            how = "exec [" + String.join(" ", command) + "]";
        } else if (p.path("httpGet").isObject()) {
            JsonNode h = p.path("httpGet");
            String host = h.path("host").asText("");
            String port = h.path("port").asText("");
            String authority = port.isEmpty() ? host : (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
            how = "http-get " + h.path("scheme").asText("HTTP").toLowerCase(Locale.ROOT) + "://" + authority
                    + h.path("path").asText("");
        } else if (p.path("tcpSocket").isObject()) {
            how = "tcp-socket " + p.path("tcpSocket").path("host").asText("") + ":" + p.path("tcpSocket").path("port").asText();
        } else if (p.path("grpc").isObject()) {
            how = "grpc <pod>:" + p.path("grpc").path("port").asInt() + " " + p.path("grpc").path("service").asText("");
        } else {
            how = "unknown";
        }
        w.line(2, title, how + " " + attrs);
    }

    private static void envFrom(DescribeWriter w, JsonNode sources) {
        w.write(2, "Environment Variables from:\n");
        for (JsonNode e : sources) {
            boolean configMap = e.path("configMapRef").isObject();
            JsonNode ref = configMap ? e.path("configMapRef") : e.path("secretRef");
            String from = configMap ? "ConfigMap" : "Secret";
            String prefix = e.path("prefix").asText("");
            w.write(3, ref.path("name").asText("") + "\t" + from + (prefix.isEmpty() ? "" : " with prefix '" + prefix + "'")
                    + "\tOptional: " + ref.path("optional").asBoolean(false) + "\n");
        }
    }

    private static void env(DescribeWriter w, JsonNode env, JsonNode pod) {
        w.write(2, "Environment:" + (env.isEmpty() ? "\t<none>" : "") + "\n");
        for (JsonNode e : env) {
            String name = e.path("name").asText();
            JsonNode from = e.path("valueFrom");
            if (!from.isObject()) {
                String[] lines = e.path("value").asText("").split("\n", -1);
                w.write(3, name + ":\t" + lines[0] + "\n");
                for (int i = 1; i < lines.length; i++) {
                    w.write(3, "\t" + lines[i] + "\n");
                }
            } else if (from.path("fieldRef").isObject()) {
                // kubectl resolves the field against the pod (a template has none), and only for a known apiVersion
                JsonNode ref = from.path("fieldRef");
                boolean resolvable = pod != null && !ref.path("apiVersion").asText("").isEmpty();
                w.write(3, name + ":\t" + (resolvable ? field(pod, ref.path("fieldPath").asText()) : "")
                        + " (" + from.path("fieldRef").path("apiVersion").asText("") + ":"
                        + from.path("fieldRef").path("fieldPath").asText() + ")\n");
            } else if (from.path("resourceFieldRef").isObject()) {
                w.write(3, name + ":\t (" + from.path("resourceFieldRef").path("resource").asText() + ")\n");
            } else if (from.path("secretKeyRef").isObject()) {
                JsonNode ref = from.path("secretKeyRef");
                w.write(3, name + ":\t<set to the key '" + ref.path("key").asText() + "' in secret '" + ref.path("name").asText()
                        + "'>\tOptional: " + ref.path("optional").asBoolean(false) + "\n");
            } else if (from.path("configMapKeyRef").isObject()) {
                JsonNode ref = from.path("configMapKeyRef");
                w.write(3, name + ":\t<set to the key '" + ref.path("key").asText() + "' of config map '"
                        + ref.path("name").asText() + "'>\tOptional: " + ref.path("optional").asBoolean(false) + "\n");
            }
        }
    }

    /** fieldpath.ExtractFieldPathAsString: only metadata fields resolve (spec and status paths print empty). */
    private static String field(JsonNode pod, String path) {
        Matcher m = METADATA_ENTRY.matcher(path);
        if (m.matches()) {
            return pod.path("metadata").path(m.group(1)).path(m.group(2)).asText("");
        }
        return switch (path) {
            case "metadata.labels", "metadata.annotations" -> {
                List<String> pairs = new ArrayList<>();
                new TreeMap<>(Json.stringMap(pod, path.split("\\."))).forEach((k, v) -> pairs.add(k + "=\"" + v + "\""));
                yield String.join("\n", pairs);
            }
            case "metadata.name", "metadata.namespace", "metadata.uid" -> pod.path("metadata").path(path.substring(9)).asText("");
            default -> "";
        };
    }

    private static void mounts(DescribeWriter w, JsonNode mounts) {
        w.write(2, "Mounts:" + (mounts.isEmpty() ? "\t<none>" : "") + "\n");
        List<JsonNode> sorted = new ArrayList<>();
        mounts.forEach(sorted::add);
        sorted.sort(Comparator.comparing(m -> m.path("mountPath").asText()));
        for (JsonNode m : sorted) {
            String flags = m.path("readOnly").asBoolean(false) ? "ro" : "rw";
            if (!m.path("subPath").asText("").isEmpty()) {
                flags += ",path=\"" + m.path("subPath").asText() + "\"";
            }
            w.write(3, m.path("mountPath").asText() + " from " + m.path("name").asText() + " (" + flags + ")\n");
        }
    }

    /** describeVolumes: each volume with its type's lines; kinds the fake does not model print {@code <unknown>}. */
    static void volumes(DescribeWriter w, JsonNode volumes, String space) {
        if (volumes.isEmpty()) {
            w.write(0, space + "Volumes:\t<none>\n");
            return;
        }
        w.write(0, space + "Volumes:\n");
        for (JsonNode v : volumes) {
            w.write(1, (space.isEmpty() ? "" : " ") + v.path("name").asText() + ":\n");
            if (v.path("hostPath").isObject()) {
                w.write(2, "Type:\tHostPath (bare host directory volume)\n    Path:\t" + v.path("hostPath").path("path").asText()
                        + "\n    HostPathType:\t" + v.path("hostPath").path("type").asText("<none>") + "\n");
            } else if (v.path("emptyDir").isObject()) {
                String limit = v.path("emptyDir").path("sizeLimit").asText("");
                w.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t"
                        + v.path("emptyDir").path("medium").asText("") + "\n    SizeLimit:\t"
                        + (limit.isEmpty() || Quantity.parse(limit).value().signum() <= 0 ? "<unset>" : Quantity.parse(limit))
                        + "\n");
            } else if (v.path("secret").isObject()) {
                w.write(2, "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t"
                        + v.path("secret").path("secretName").asText("") + "\n    Optional:\t"
                        + v.path("secret").path("optional").asBoolean(false) + "\n");
            } else if (v.path("configMap").isObject()) {
                w.write(2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t"
                        + v.path("configMap").path("name").asText("") + "\n    Optional:\t"
                        + v.path("configMap").path("optional").asBoolean(false) + "\n");
            } else if (v.path("persistentVolumeClaim").isObject()) {
                w.write(2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n"
                        + "    ClaimName:\t" + v.path("persistentVolumeClaim").path("claimName").asText("")
                        + "\n    ReadOnly:\t" + v.path("persistentVolumeClaim").path("readOnly").asBoolean(false) + "\n");
            } else if (v.path("downwardAPI").isObject()) {
                w.write(2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
                for (JsonNode item : v.path("downwardAPI").path("items")) {
                    String source = item.path("fieldRef").isObject() ? item.path("fieldRef").path("fieldPath").asText()
                            : item.path("resourceFieldRef").path("resource").asText();
                    w.write(3, source + " -> " + item.path("path").asText() + "\n");
                }
            } else {
                w.write(2, "<unknown>\n");
            }
        }
    }

    /** printTolerationsMultilineWithIndent: sorted by key, {@code key=value:Effect op=Exists for 300s}. */
    static void tolerations(DescribeWriter w, String title, JsonNode tolerations) {
        w.write(0, title + ":\t");
        if (tolerations.isEmpty()) {
            w.write(0, "<none>\n");
            return;
        }
        List<JsonNode> sorted = new ArrayList<>();
        tolerations.forEach(sorted::add);
        sorted.sort(Comparator.comparing(t -> t.path("key").asText("")));
        String indent = "";
        for (JsonNode t : sorted) {
            String key = t.path("key").asText("");
            String value = t.path("value").asText("");
            String effect = t.path("effect").asText("");
            StringBuilder b = new StringBuilder(indent).append(key);
            indent = "\t";
            if (!value.isEmpty()) {
                b.append('=').append(value);
            }
            if (!effect.isEmpty()) {
                b.append(':').append(effect);
            }
            if ("Exists".equals(t.path("operator").asText()) && value.isEmpty()) {
                b.append(key.isEmpty() && effect.isEmpty() ? "op=Exists" : " op=Exists");
            }
            if (t.path("tolerationSeconds").isNumber()) {
                b.append(" for ").append(t.path("tolerationSeconds").asLong()).append('s');
            }
            w.write(0, b.append('\n').toString());
        }
    }
}
