package dev.fakecluster.internal.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.apiserver.DeleteOptions;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.events.EventRecorder;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.runtime.QueueController;
import dev.fakecluster.internal.store.Change;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.kubelet.ContainerRun.State;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The simulated kubelets of every node: admit pods bound to a live node, give them an IP from the
 * node's pod CIDR, start their containers after a start-up delay, run each container's
 * {@link Program} on the virtual clock (exits, restarts with the kubelet's crash back-off), report
 * the pod status the real kubelet reports, and finish graceful deletions. A dead node's pods are
 * frozen until it is restored.
 */
public final class Kubelet extends QueueController {

    static final String COMPONENT = "kubelet";
    /** The queue key for "post node status": a restored kubelet reports its node Ready again. */
    private static final String NODE_STATUS = "node-status";
    private static final Map<String, String[]> HEALTHY = Map.of(
            "MemoryPressure", new String[] {"False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"},
            "DiskPressure", new String[] {"False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"},
            "PIDPressure", new String[] {"False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"},
            "Ready", new String[] {"True", "KubeletReady", "kubelet is posting ready status"});

    private final ApiServer api;
    private final EventRecorder events;
    private final NodeAgents agents;
    private final Duration startDelay;
    private final Duration stopDelay;
    private final KindInfo podKind;
    private final Map<String, PodWorker> workers = new java.util.LinkedHashMap<>();
    private final Map<String, Set<String>> podsByNode = new HashMap<>();
    private final Map<String, PodIps> ipsByNode = new HashMap<>();

    public Kubelet(ApiServer api, VirtualClock clock, EventRecorder events, NodeAgents agents, Duration startDelay,
            Duration stopDelay) {
        super(clock);
        this.api = api;
        this.events = events;
        this.agents = agents;
        this.startDelay = startDelay;
        this.stopDelay = stopDelay;
        this.podKind = api.resolveKind("pods");
        agents.onChange(() -> wake(NODE_STATUS));
    }

    /** A pod on this kubelet. */
    private static final class PodWorker {
        final String uid;
        final String node;
        final String ip;
        final Instant startAt;
        final List<ContainerRun> containers = new ArrayList<>();
        boolean started;
        Instant removeAt;

        PodWorker(String uid, String node, String ip, Instant startAt) {
            this.uid = uid;
            this.node = node;
            this.ip = ip;
            this.startAt = startAt;
        }
    }

    @Override
    protected void keysFor(Change change, java.util.function.Consumer<String> enqueue) {
        StoredObject o = change.object();
        if (o.resource().equals("pods")) {
            String node = Json.text(o.json(), "spec", "nodeName");
            if (node != null) {
                if (change.type() == Change.Type.DELETED) {
                    podsByNode.getOrDefault(node, Set.of()).remove(o.key());
                } else {
                    podsByNode.computeIfAbsent(node, n -> new LinkedHashSet<>()).add(o.key());
                }
                enqueue.accept(o.key());
            }
        } else if (o.resource().equals("nodes") && change.type() != Change.Type.DELETED) {
            podsByNode.getOrDefault(o.name(), Set.of()).forEach(enqueue);
        }
    }

    @Override
    protected void allKeys(ClusterState state, java.util.function.Consumer<String> enqueue) {
        for (StoredObject pod : state.list("pods", null)) {
            if (Json.text(pod.json(), "spec", "nodeName") != null) {
                enqueue.accept(pod.key());
            }
        }
        workers.keySet().forEach(enqueue);
    }

    @Override
    protected void rebuild(ClusterState state) {
        podsByNode.clear();
        for (StoredObject pod : state.list("pods", null)) {
            String node = Json.text(pod.json(), "spec", "nodeName");
            if (node != null) {
                podsByNode.computeIfAbsent(node, n -> new LinkedHashSet<>()).add(pod.key());
            }
        }
    }

    /** The output of a container (the previous run's when {@code previous}), or null when unknown. */
    public List<String> logs(String podKey, String container, boolean previous) {
        PodWorker w = workers.get(podKey);
        if (w == null) {
            return null;
        }
        for (ContainerRun c : w.containers) {
            if (container == null || c.name.equals(container)) {
                return List.copyOf(previous ? c.previousLog : c.log);
            }
        }
        return null;
    }

    @Override
    protected void sync(String key) {
        if (key.equals(NODE_STATUS)) {
            postNodeStatus();
            return;
        }
        StoredObject pod = api.state().get(key);
        PodWorker previous = workers.get(key);
        if (previous != null && (pod == null || !previous.uid.equals(pod.uid()))) {
            // Gone, or replaced by a new pod of the same name (a StatefulSet's): that pod starts afresh.
            workers.remove(key);
            if (previous.ip != null) {
                ips(previous.node).release(previous.ip);
            }
        }
        if (pod == null) {
            return;
        }
        String node = Json.text(pod.json(), "spec", "nodeName");
        if (node == null || !agents.isAlive(node) || api.state().get(StoredObject.key("nodes", "", node)) == null) {
            return;
        }
        PodWorker w = workers.get(key);
        if (w == null) {
            if (isTerminal(pod.json())) {
                return;
            }
            w = admit(pod, node);
            workers.put(key, w);
        }
        if (pod.isDeleting()) {
            stop(w, pod);
            return;
        }
        if (isTerminal(pod.json())) {
            return;
        }
        advance(w, pod);
        writeStatus(w, pod);
        scheduleNext(w, key);
    }

    /** A kubelet that comes back reports its node healthy again. */
    private void postNodeStatus() {
        KindInfo nodeKind = api.resolveKind("nodes");
        String now = Json.time(now());
        for (StoredObject node : api.state().list("nodes", null)) {
            if (!agents.isAlive(node.name())) {
                continue;
            }
            api.mutate(nodeKind, "", node.name(), n -> {
                boolean changed = false;
                for (JsonNode c : Json.arrayAt(n, "status", "conditions")) {
                    String[] healthy = HEALTHY.get(c.path("type").asText());
                    if (healthy != null && !healthy[0].equals(c.path("status").asText())) {
                        ((ObjectNode) c).put("status", healthy[0]).put("lastHeartbeatTime", now)
                                .put("lastTransitionTime", now).put("reason", healthy[1]).put("message", healthy[2]);
                        changed = true;
                    }
                }
                return changed ? n : null;
            });
        }
    }

    private PodWorker admit(StoredObject pod, String node) {
        boolean hostNetwork = pod.json().path("spec").path("hostNetwork").asBoolean(false);
        String ip = hostNetwork ? null : ips(node).allocate();
        PodWorker w = new PodWorker(pod.uid(), node, ip, now().plus(startDelay));
        for (JsonNode c : pod.json().path("spec").path("containers")) {
            ContainerRun run = new ContainerRun((ObjectNode) c);
            w.containers.add(run);
            if ("Always".equals(c.path("imagePullPolicy").asText())) {
                containerEvent(pod, run, "Normal", "Pulling", "Pulling image \"" + run.image + "\"");
            }
        }
        return w;
    }

    /** Applies every transition due by now, in time order. */
    private void advance(PodWorker w, StoredObject pod) {
        Instant now = now();
        if (!w.started) {
            if (w.startAt.isAfter(now)) {
                return;
            }
            w.started = true;
            for (ContainerRun c : w.containers) {
                pulled(pod, c);
                start(pod, c, w.startAt);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (ContainerRun c : w.containers) {
                if (c.state == State.RUNNING && c.exitAt != null && !c.exitAt.isAfter(now)) {
                    c.terminate(c.exitAt, c.exitCode, c.exitCode == 0 ? "Completed" : "Error", null);
                    afterExit(pod, c);
                    changed = true;
                } else if (c.state != State.RUNNING && c.restartAt != null && !c.restartAt.isAfter(now)) {
                    Instant at = c.restartAt;
                    if (c.doubleOnRestart) {
                        Duration doubled = c.backoff.multipliedBy(2);
                        c.backoff = doubled.compareTo(ContainerRun.BACKOFF_MAX) > 0 ? ContainerRun.BACKOFF_MAX : doubled;
                        c.backoffUpdated = at;
                    }
                    c.lastState = Json.object().set("terminated", c.terminatedJson());
                    c.restarts++;
                    c.previousLog = c.log;
                    c.log = new ArrayList<>();
                    pulled(pod, c);
                    start(pod, c, at);
                    changed = true;
                }
            }
        }
    }

    private void pulled(StoredObject pod, ContainerRun c) {
        if ("Always".equals(c.spec.path("imagePullPolicy").asText())) {
            long secs = startDelay.toSeconds();
            containerEvent(pod, c, "Normal", "Pulled", "Successfully pulled image \"" + c.image + "\" in " + secs + "s ("
                    + secs + "s including waiting)");
        } else {
            containerEvent(pod, c, "Normal", "Pulled", "Container image \"" + c.image + "\" already present on machine");
        }
    }

    private void start(StoredObject pod, ContainerRun c, Instant at) {
        Program program = Program.of(c.spec);
        c.containerId = "containerd://" + digest(pod.uid() + "/" + c.name + "/" + c.restarts);
        c.restartAt = null;
        containerEvent(pod, c, "Normal", "Created", "Created container: " + c.name);
        if (program.startError() != null) {
            c.startedAt = null;
            c.terminate(at, program.exitCode(), "StartError", program.startError());
            containerEvent(pod, c, "Warning", "Failed", "Error: " + program.startError());
            afterExit(pod, c);
            return;
        }
        containerEvent(pod, c, "Normal", "Started", "Started container " + c.name);
        c.state = State.RUNNING;
        c.everStarted = true;
        c.startedAt = at;
        c.waitingReason = null;
        c.log.addAll(program.output());
        c.exitCode = program.exitCode();
        c.exitAt = program.forever() ? null : at.plus(program.runtime());
    }

    private void afterExit(StoredObject pod, ContainerRun c) {
        String policy = pod.json().path("spec").path("restartPolicy").asText("Always");
        boolean restart = policy.equals("Always") || (policy.equals("OnFailure") && c.exitCode != 0);
        if (!restart) {
            return;
        }
        c.scheduleRestart();
        if (c.restartAt.isAfter(c.finishedAt)) {
            c.state = State.WAITING;
            c.waitingReason = "CrashLoopBackOff";
            c.waitingMessage = "back-off " + c.backoff.toSeconds() + "s restarting failed container=" + c.name + " pod="
                    + pod.name() + "_" + pod.namespace() + "(" + pod.uid() + ")";
            containerEvent(pod, c, "Warning", "BackOff", "Back-off restarting failed container " + c.name + " in pod "
                    + pod.name() + "_" + pod.namespace() + "(" + pod.uid() + ")");
        }
    }

    private void scheduleNext(PodWorker w, String key) {
        Instant next = w.started ? null : w.startAt;
        for (ContainerRun c : w.containers) {
            for (Instant t : new Instant[] {c.exitAt, c.restartAt}) {
                if (t != null && (next == null || t.isBefore(next))) {
                    next = t;
                }
            }
        }
        if (next != null) {
            requeueAt(next, key);
        }
    }

    /** Graceful deletion: containers stop (promptly, or at the end of the grace period), then the pod is removed. */
    private void stop(PodWorker w, StoredObject pod) {
        Instant now = now();
        if (w.removeAt == null) {
            for (ContainerRun c : w.containers) {
                if (c.state == State.RUNNING) {
                    containerEvent(pod, c, "Normal", "Killing", "Stopping container " + c.name);
                }
            }
            Instant deadline = Instant.parse(Json.text(pod.json(), "metadata", "deletionTimestamp"));
            Instant soon = w.started ? now.plus(stopDelay) : now;
            w.removeAt = soon.isBefore(deadline) ? soon : deadline;
        }
        if (w.removeAt.isAfter(now)) {
            requeueAt(w.removeAt, pod.key());
            return;
        }
        try {
            api.delete(podKind, pod.namespace(), pod.name(), DeleteOptions.defaults().withGracePeriod(0));
        } catch (ApiException e) {
            if (!"NotFound".equals(e.reason())) {
                throw e;
            }
        }
    }

    // ---- status -------------------------------------------------------------------------------

    private void writeStatus(PodWorker w, StoredObject pod) {
        ObjectNode status = status(w, pod);
        if (status.equals(pod.json().path("status"))) {
            return;
        }
        api.mutate(podKind, pod.namespace(), pod.name(), o -> {
            o.set("status", status);
            return o;
        });
    }

    private ObjectNode status(PodWorker w, StoredObject pod) {
        JsonNode old = pod.json().path("status");
        String policy = pod.json().path("spec").path("restartPolicy").asText("Always");
        boolean allStarted = w.containers.stream().allMatch(c -> c.everStarted || c.restarts > 0 || c.state == State.TERMINATED);
        boolean allDone = w.containers.stream().allMatch(c -> c.state == State.TERMINATED && c.restartAt == null);
        boolean allReady = w.containers.stream().allMatch(c -> c.state == State.RUNNING);
        String phase;
        if (allDone) {
            phase = w.containers.stream().allMatch(c -> c.exitCode == 0) ? "Succeeded" : "Failed";
        } else if (!w.started || !allStarted) {
            phase = "Pending";
        } else {
            phase = "Running";
        }
        ObjectNode s = Json.object();
        s.put("phase", phase);
        ArrayNode conditions = s.putArray("conditions");
        Instant now = now();
        condition(conditions, old, "PodReadyToStartContainers", "True", null, null, now);
        condition(conditions, old, "Initialized", "True", null, null, now);
        String unready = w.containers.stream().filter(c -> c.state != State.RUNNING).map(c -> c.name).sorted()
                .reduce((a, b) -> a + " " + b).orElse("");
        if (allReady) {
            condition(conditions, old, "Ready", "True", null, null, now);
            condition(conditions, old, "ContainersReady", "True", null, null, now);
        } else if (allDone) {
            condition(conditions, old, "Ready", "False", "PodCompleted", null, now);
            condition(conditions, old, "ContainersReady", "False", "PodCompleted", null, now);
        } else {
            condition(conditions, old, "Ready", "False", "ContainersNotReady",
                    "containers with unready status: [" + unready + "]", now);
            condition(conditions, old, "ContainersReady", "False", "ContainersNotReady",
                    "containers with unready status: [" + unready + "]", now);
        }
        condition(conditions, old, "PodScheduled", "True", null, null, now);
        NodeAddress host = nodeAddress(w.node);
        s.put("hostIP", host.ip());
        s.putArray("hostIPs").addObject().put("ip", host.ip());
        String podIp = w.ip != null ? w.ip : host.ip();
        s.put("podIP", podIp);
        s.putArray("podIPs").addObject().put("ip", podIp);
        s.put("startTime", old.hasNonNull("startTime") ? old.get("startTime").asText() : Json.time(now));
        ArrayNode statuses = s.putArray("containerStatuses");
        w.containers.stream().sorted(Comparator.comparing(c -> c.name)).forEach(c -> statuses.add(containerStatus(c)));
        s.put("qosClass", old.path("qosClass").asText("BestEffort"));
        return s;
    }

    private static ObjectNode containerStatus(ContainerRun c) {
        ObjectNode cs = Json.object().put("name", c.name);
        ObjectNode state = cs.putObject("state");
        switch (c.state) {
            case RUNNING -> state.putObject("running").put("startedAt", Json.time(c.startedAt));
            case TERMINATED -> state.set("terminated", c.terminatedJson());
            case WAITING -> {
                ObjectNode waiting = state.putObject("waiting").put("reason", c.waitingReason);
                if (c.waitingMessage != null) {
                    waiting.put("message", c.waitingMessage);
                }
            }
        }
        cs.set("lastState", c.lastState == null ? Json.object() : c.lastState);
        cs.put("ready", c.state == State.RUNNING);
        cs.put("restartCount", c.restarts);
        cs.put("image", c.image);
        cs.put("imageID", c.everStarted ? imageId(c.image) : "");
        if (c.containerId != null && c.state != State.WAITING) {
            cs.put("containerID", c.containerId);
        }
        cs.put("started", c.state == State.RUNNING);
        return cs;
    }

    /** Appends a condition, keeping the old transition time when its status did not change. */
    private static void condition(ArrayNode conditions, JsonNode oldStatus, String type, String status, String reason,
            String message, Instant now) {
        String since = Json.time(now);
        for (JsonNode c : Json.arrayAt(oldStatus, "conditions")) {
            if (type.equals(c.path("type").asText()) && status.equals(c.path("status").asText())
                    && c.hasNonNull("lastTransitionTime")) {
                since = c.get("lastTransitionTime").asText();
            }
        }
        ObjectNode c = conditions.addObject().put("type", type).put("status", status).putNull("lastProbeTime")
                .put("lastTransitionTime", since);
        if (reason != null) {
            c.put("reason", reason);
        }
        if (message != null) {
            c.put("message", message);
        }
    }

    private record NodeAddress(String ip, String cidr) {
    }

    private NodeAddress nodeAddress(String node) {
        StoredObject n = api.state().get(StoredObject.key("nodes", "", node));
        String ip = null;
        for (JsonNode a : Json.arrayAt(n.json(), "status", "addresses")) {
            if ("InternalIP".equals(a.path("type").asText())) {
                ip = a.path("address").asText();
            }
        }
        return new NodeAddress(ip, Json.text(n.json(), "spec", "podCIDR"));
    }

    private PodIps ips(String node) {
        return ipsByNode.computeIfAbsent(node, n -> new PodIps(nodeAddress(n).cidr()));
    }

    private void containerEvent(StoredObject pod, ContainerRun c, String type, String reason, String message) {
        String node = Json.text(pod.json(), "spec", "nodeName");
        events.record(pod, "spec.containers{" + c.name + "}", type, reason, message, COMPONENT, node);
    }

    private static boolean isTerminal(JsonNode pod) {
        String phase = Json.text(pod, "status", "phase");
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private static String imageId(String image) {
        String repo = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int colon = repo.lastIndexOf(':');
        if (colon > repo.lastIndexOf('/')) {
            repo = repo.substring(0, colon);
        }
        if (!repo.contains("/")) {
            repo = "docker.io/library/" + repo;
        } else if (!repo.substring(0, repo.indexOf('/')).contains(".")) {
            repo = "docker.io/" + repo;
        }
        return repo + "@sha256:" + digest(image);
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
