package dev.fakecluster.internal.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kubelet.ContainerRun.State;
import dev.fakecluster.internal.store.StoredObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pod on a simulated kubelet, moved through time one instant at a time: init containers one
 * after another, then the app containers; processes advancing; exits, crash back-off and restarts;
 * probes on their ticks, a failed liveness or startup probe killing its container; graceful stops
 * in which a container that ignores SIGTERM is killed (exit 137) at the end of the grace period.
 * At each instant the processes run first, then the probes: a probe at the very instant a script
 * removes a file does not see the file.
 */
final class PodRuntime {

    /** Where container events go. */
    interface Events {
        void record(ContainerRun container, String type, String reason, String message);
    }

    final String uid;
    final String node;
    final String hostIp;
    final String ip;
    final Instant startAt;
    final List<ContainerRun> initContainers = new ArrayList<>();
    final List<ContainerRun> containers = new ArrayList<>();
    private final StoredObject pod;
    private final Images images;
    private final ImagePulls pulls;
    private final Events events;
    private final Duration startDelay;
    private final Duration stopDelay;
    private final String restartPolicy;
    private final long gracePeriod;
    private final Map<String, String> env = new LinkedHashMap<>();
    /** Status of each running container's process as last advanced. */
    private final Map<ContainerRun, ContainerProcess.Status> statuses = new LinkedHashMap<>();
    private boolean sandboxReady;
    private boolean stopping;
    /** A stopping pod is removed no earlier than this: the kubelet's own round trip. */
    private Instant removableAt;
    /** When the pod's node lost power, while it is down. */
    private Instant diedAt;

    PodRuntime(StoredObject pod, String node, String hostIp, String ip, Instant admitted, Duration startDelay,
            Duration stopDelay, Images images, ImagePulls pulls, Events events) {
        this.pod = pod;
        this.uid = pod.uid();
        this.node = node;
        this.hostIp = hostIp;
        this.ip = ip;
        this.startAt = admitted.plus(startDelay);
        this.startDelay = startDelay;
        this.stopDelay = stopDelay;
        this.images = images;
        this.pulls = pulls;
        this.events = events;
        JsonNode spec = pod.json().path("spec");
        this.restartPolicy = spec.path("restartPolicy").asText("Always");
        this.gracePeriod = spec.path("terminationGracePeriodSeconds").asLong(30);
        env.put("HOSTNAME", pod.name());
        for (JsonNode c : spec.path("initContainers")) {
            initContainers.add(new ContainerRun((ObjectNode) c, true, "PodInitializing"));
        }
        for (JsonNode c : spec.path("containers")) {
            ContainerRun run = new ContainerRun((ObjectNode) c, false,
                    initContainers.isEmpty() ? "ContainerCreating" : "PodInitializing");
            for (Prober.Kind kind : Prober.Kind.values()) {
                if (c.hasNonNull(kind.field)) {
                    run.probers.add(new Prober(kind, c.get(kind.field), admitted));
                }
            }
            containers.add(run);
        }
    }

    /** Every container, init containers first. */
    List<ContainerRun> all() {
        List<ContainerRun> all = new ArrayList<>(initContainers);
        all.addAll(containers);
        return all;
    }

    boolean initialized() {
        return initContainers.stream().allMatch(c -> c.state == State.TERMINATED && c.exitCode == 0 && c.restartAt == null);
    }

    /** When a stopping pod may be removed at the earliest; null unless stopping. */
    Instant removableAt() {
        return removableAt;
    }

    /** Whether a stopping pod's containers have all stopped by {@code now}: the kubelet may remove it. */
    boolean stopped(Instant now) {
        return stopping && !removableAt.isAfter(now) && all().stream().noneMatch(c -> c.state == State.RUNNING);
    }

    // ---- node failure -------------------------------------------------------------------------

    /** The node lost power at {@code at}: everything that would have happened since stops there. */
    void nodeDied(Instant at) {
        if (diedAt == null) {
            diedAt = at;
            advanceTo(at);
        }
    }

    /**
     * The node is back at {@code now} after a power loss: the containers that were running died with
     * it (exit code 255, reason {@code Unknown}, as a kubelet reports after a reboot) and start again
     * now by the restart policy.
     */
    void nodeBack(Instant now) {
        if (diedAt == null) {
            return;
        }
        for (ContainerRun c : all()) {
            if (c.state == State.RUNNING) {
                c.terminate(diedAt, 255, "Unknown", null);
                statuses.remove(c);
                boolean restart = c.init || restartPolicy.equals("Always") || restartPolicy.equals("OnFailure");
                if (restart && !stopping) {
                    c.restartAt = now;
                    c.doubleOnRestart = false;
                }
            } else if (c.restartAt != null && c.restartAt.isBefore(now)) {
                c.restartAt = now;
            }
            c.pullDoneAt = c.pullDoneAt == null ? null : now;
            c.pullRetryAt = c.pullRetryAt == null ? null : now;
            c.pullBackOffShownAt = null;
        }
        if (stopping) {
            removableAt = now;
        }
        diedAt = null;
    }

    // ---- time ---------------------------------------------------------------------------------

    /** Applies everything due up to {@code now}, in time order. */
    void advanceTo(Instant now) {
        for (int guard = 0; guard < 100_000; guard++) {
            Instant t = nextEvent();
            if (t == null || t.isAfter(now)) {
                return;
            }
            step(t);
        }
        throw new IllegalStateException("pod " + pod.name() + " does not settle by " + now);
    }

    /** The next instant at which anything happens, or null. */
    Instant nextEvent() {
        if (!sandboxReady) {
            return stopping ? null : startAt;
        }
        Instant next = null;
        for (ContainerRun c : all()) {
            if (c.state == State.RUNNING) {
                next = min(next, statuses.get(c).at());
                next = min(next, min(c.stopAt, c.sigtermAt));
                if (c.stopAt == null && c.sigtermAt == null) {
                    for (Prober p : c.probers) {
                        next = min(next, p.nextTick());
                    }
                }
            } else if (c.restartAt != null) {
                next = min(next, c.restartAt);
            }
            next = min(next, min(c.pullDoneAt, min(c.pullRetryAt, c.pullBackOffShownAt)));
        }
        return next;
    }

    private void step(Instant t) {
        if (!sandboxReady) {
            if (stopping) {
                return;
            }
            sandboxReady = true;
        }
        for (ContainerRun c : all()) {
            if (c.state != State.RUNNING) {
                continue;
            }
            ContainerProcess.Status s = c.process.advanceTo(t);
            statuses.put(c, s);
            if (c.sigtermAt != null && !c.sigtermAt.isAfter(t) && !s.exited()) {
                sigterm(c, c.sigtermAt);
            }
            if (c.stopAt != null && !c.stopAt.isAfter(t) && !(s.exited() && s.at().isBefore(c.stopAt))) {
                exit(c, c.stopExitCode, c.stopAt);
            } else if (s.exited()) {
                exit(c, s.exitCode(), s.at());
            }
        }
        if (!stopping) {
            pullsDue(t);
            startDue(t);
        }
        for (ContainerRun c : containers) {
            if (c.state == State.RUNNING && c.stopAt == null && c.sigtermAt == null) {
                probe(c, t);
            }
        }
    }

    /** Starts what may start at {@code t}: the next init container, else every app container due. */
    private void startDue(Instant t) {
        for (ContainerRun c : initContainers) {
            if (c.state == State.RUNNING) {
                return;
            }
            if (c.state == State.TERMINATED && c.exitCode == 0 && c.restartAt == null) {
                continue;
            }
            if (!c.everStarted && c.state == State.WAITING && c.restartAt == null) {
                launch(c, t);
            } else if (c.restartAt != null && !c.restartAt.isAfter(t)) {
                restart(c);
            }
            return;
        }
        for (ContainerRun c : containers) {
            if (c.state == State.WAITING && !c.everStarted && c.restartAt == null && c.startedAt == null
                    && c.terminatedReason == null) {
                launch(c, t);
            } else if (c.restartAt != null && !c.restartAt.isAfter(t)) {
                restart(c);
            }
        }
    }

    private void start(ContainerRun c, Instant at) {
        c.restartAt = null;
        c.containerId = "containerd://" + digest(uid + "/" + c.name + "/" + c.restarts);
        events.record(c, "Normal", "Created", "Created container: " + c.name);
        String error = images.startError(c.spec);
        if (error != null) {
            c.startedAt = null;
            events.record(c, "Warning", "Failed", "Error: " + error);
            c.terminate(at, 128, "StartError", error);
            afterExit(c);
            return;
        }
        events.record(c, "Normal", "Started", "Started container " + c.name);
        c.state = State.RUNNING;
        c.everStarted = true;
        c.startedAt = at;
        c.waitingReason = null;
        c.waitingMessage = null;
        c.process = images.start(c.spec, pod.name(), containerEnv(c), at, c.log::add);
        c.probers.forEach(p -> p.containerStarted(at));
        ContainerProcess.Status s = c.process.advanceTo(at);
        statuses.put(c, s);
        if (s.exited()) {
            exit(c, s.exitCode(), s.at());
        }
    }

    private void restart(ContainerRun c) {
        Instant at = c.restartAt;
        if (c.doubleOnRestart) {
            Duration doubled = c.backoff.multipliedBy(2);
            c.backoff = doubled.compareTo(ContainerRun.BACKOFF_MAX) > 0 ? ContainerRun.BACKOFF_MAX : doubled;
            c.backoffUpdated = at;
        }
        c.lastState = Json.object().set("terminated", c.terminatedJson());
        c.restarts++;
        c.previousLog = c.log;
        c.log = new ContainerLog();
        c.state = State.WAITING;
        launch(c, at);
    }

    // ---- image pulls ----------------------------------------------------------------------

    /** Starts the container once its image is there: pulled first by its pull policy, cached per node. */
    private void launch(ContainerRun c, Instant t) {
        if (c.pullDoneAt != null || c.pullRetryAt != null) {
            return;
        }
        String policy = c.spec.path("imagePullPolicy").asText("IfNotPresent");
        boolean present = pulls.present(node, c.image);
        if (policy.equals("Always") || (!present && !policy.equals("Never"))) {
            events.record(c, "Normal", "Pulling", "Pulling image \"" + c.image + "\"");
            c.pullDoneAt = t.plus(pulls.pullTime());
            if (!c.pullDoneAt.isAfter(t)) {
                finishPull(c, t);
            }
            return;
        }
        if (!present) {
            c.waitingReason = "ErrImageNeverPull";
            c.waitingMessage = "Container image \"" + c.image + "\" is not present with pull policy of Never";
            events.record(c, "Warning", "ErrImageNeverPull", c.waitingMessage);
            return;
        }
        events.record(c, "Normal", "Pulled", "Container image \"" + c.image + "\" already present on machine");
        start(c, t);
    }

    private void pullsDue(Instant t) {
        for (ContainerRun c : all()) {
            if (c.pullDoneAt != null && !c.pullDoneAt.isAfter(t)) {
                finishPull(c, c.pullDoneAt);
            }
            if (c.pullBackOffShownAt != null && !c.pullBackOffShownAt.isAfter(t)) {
                c.pullBackOffShownAt = null;
                c.waitingReason = "ImagePullBackOff";
                c.waitingMessage = "Back-off pulling image \"" + c.image + "\"";
                events.record(c, "Normal", "BackOff", c.waitingMessage);
                events.record(c, "Warning", "Failed", "Error: ImagePullBackOff");
            }
            if (c.pullRetryAt != null && !c.pullRetryAt.isAfter(t)) {
                c.pullRetryAt = null;
                launch(c, t);
            }
        }
    }

    /** The pull ends: the image is cached and the container starts, or it failed and is retried after a back-off. */
    private void finishPull(ContainerRun c, Instant t) {
        c.pullDoneAt = null;
        long secs = pulls.pullTime().toSeconds();
        if (pulls.pullable(c.image)) {
            pulls.pulled(node, c.image);
            c.pullBackoff = null;
            events.record(c, "Normal", "Pulled", "Successfully pulled image \"" + c.image + "\" in " + secs + "s ("
                    + secs + "s including waiting)");
            start(c, t);
            return;
        }
        String ref = reference(c.image);
        events.record(c, "Warning", "Failed", "Failed to pull image \"" + c.image + "\": rpc error: code = NotFound desc = "
                + "failed to pull and unpack image \"" + ref + "\": failed to resolve reference \"" + ref + "\": " + ref
                + ": not found");
        events.record(c, "Warning", "Failed", "Error: ErrImagePull");
        c.waitingReason = "ErrImagePull";
        c.waitingMessage = "failed to pull and unpack image \"" + ref + "\": not found";
        Duration next = c.pullBackoff == null ? ContainerRun.BACKOFF_INITIAL : c.pullBackoff.multipliedBy(2);
        c.pullBackoff = next.compareTo(ContainerRun.BACKOFF_MAX) > 0 ? ContainerRun.BACKOFF_MAX : next;
        c.pullRetryAt = t.plus(c.pullBackoff);
        c.pullBackOffShownAt = t.plusSeconds(1);
    }

    /** The fully qualified reference a runtime resolves: {@code nginx} → {@code docker.io/library/nginx:latest}. */
    static String reference(String image) {
        String ref = image;
        String first = ref.contains("/") ? ref.substring(0, ref.indexOf('/')) : "";
        if (!first.contains(".") && !first.contains(":") && !first.equals("localhost")) {
            ref = (ref.contains("/") ? "docker.io/" : "docker.io/library/") + ref;
        }
        int slash = ref.lastIndexOf('/');
        if (!ref.contains("@") && ref.indexOf(':', slash) < 0) {
            ref = ref + ":latest";
        }
        return ref;
    }

    private void exit(ContainerRun c, int code, Instant at) {
        c.terminate(at, code, code == 0 ? "Completed" : "Error", null);
        statuses.remove(c);
        afterExit(c);
    }

    /** Restarts by the restart policy, after the kubelet's crash back-off. */
    private void afterExit(ContainerRun c) {
        if (stopping) {
            return;
        }
        boolean restart = c.init ? c.exitCode != 0 && !restartPolicy.equals("Never")
                : restartPolicy.equals("Always") || (restartPolicy.equals("OnFailure") && c.exitCode != 0);
        if (!restart) {
            return;
        }
        c.scheduleRestart();
        if (c.restartAt.isAfter(c.finishedAt)) {
            c.lastState = Json.object().set("terminated", c.terminatedJson()); // as the kubelet reports a back-off
            c.state = State.WAITING;
            c.waitingReason = "CrashLoopBackOff";
            c.waitingMessage = "back-off " + c.backoff.toSeconds() + "s restarting failed container=" + c.name + " pod="
                    + pod.name() + "_" + pod.namespace() + "(" + uid + ")";
            events.record(c, "Warning", "BackOff", "Back-off restarting failed container " + c.name + " in pod "
                    + pod.name() + "_" + pod.namespace() + "(" + uid + ")");
        } else {
            restart(c);
        }
    }

    // ---- probes -------------------------------------------------------------------------------

    private void probe(ContainerRun c, Instant t) {
        for (Prober p : c.probers) {
            if (c.state != State.RUNNING || c.stopAt != null || c.sigtermAt != null || p.nextTick().isAfter(t)) {
                continue;
            }
            Prober.Run run = p.tick(t, c.startedAt, c.started(), () -> attempt(c, p, t));
            if (run.probed() && !run.attempt().success()) {
                events.record(c, "Warning", "Unhealthy", p.kind.title + " probe failed: " + run.attempt().output());
            }
            if (run.flipped() && Boolean.FALSE.equals(p.result()) && p.kind != Prober.Kind.READINESS) {
                long grace = p.spec.path("terminationGracePeriodSeconds").asLong(gracePeriod);
                stop(c, t, grace, "Container " + c.name + " failed " + p.kind.title.toLowerCase(java.util.Locale.ROOT)
                        + " probe, will be restarted");
            }
        }
    }

    private Prober.Attempt attempt(ContainerRun c, Prober p, Instant t) {
        JsonNode spec = p.spec;
        Duration timeout = Duration.ofSeconds(Math.max(1, spec.path("timeoutSeconds").asLong(1)));
        if (spec.has("exec")) {
            List<String> argv = new ArrayList<>();
            spec.path("exec").path("command").forEach(a -> argv.add(a.asText()));
            ContainerProcess.ExecOutcome out = c.process.exec(argv, t, timeout);
            if (out.timedOut()) {
                return new Prober.Attempt(false, "command \"" + String.join(" ", argv) + "\" timed out");
            }
            return new Prober.Attempt(out.exitCode() == 0, out.output().strip());
        }
        if (spec.has("httpGet")) {
            JsonNode get = spec.get("httpGet");
            int port = port(c, get.path("port"));
            String path = get.path("path").asText("/");
            String url = get.path("scheme").asText("HTTP").toLowerCase(java.util.Locale.ROOT) + "://" + ip + ":" + port + path;
            ContainerProcess.HttpOutcome out = c.process.httpGet(port, path, gateway(), t);
            if (out == null) {
                return new Prober.Attempt(false, "Get \"" + url + "\": dial tcp " + ip + ":" + port
                        + ": connect: connection refused");
            }
            boolean ok = out.status() >= 200 && out.status() < 400;
            return new Prober.Attempt(ok, ok ? "" : "HTTP probe failed with statuscode: " + out.status());
        }
        if (spec.has("tcpSocket")) {
            int port = port(c, spec.get("tcpSocket").path("port"));
            return c.process.listens(port) ? new Prober.Attempt(true, "")
                    : new Prober.Attempt(false, "dial tcp " + ip + ":" + port + ": connect: connection refused");
        }
        return new Prober.Attempt(false, "unsupported probe handler");
    }

    /** A probe port: a number, or the name of one of the container's ports. */
    private static int port(ContainerRun c, JsonNode port) {
        if (port.isNumber()) {
            return port.asInt();
        }
        for (JsonNode p : c.spec.path("ports")) {
            if (port.asText().equals(p.path("name").asText())) {
                return p.path("containerPort").asInt();
            }
        }
        try {
            return Integer.parseInt(port.asText());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    // ---- traffic ------------------------------------------------------------------------------

    /**
     * Delivers a request to {@code port} of the pod's network namespace: the first running
     * container listening there answers; null when none does (connection refused).
     */
    ContainerProcess.HttpOutcome http(int port, ContainerProcess.HttpCall call, String from, Instant at) {
        for (ContainerRun c : all()) {
            if (c.state == State.RUNNING && c.process != null && c.process.listens(port)) {
                return c.process.http(port, call, from, at);
            }
        }
        return null;
    }

    // ---- stopping -----------------------------------------------------------------------------

    /** The pod is being deleted: every running container stops within {@code grace} seconds. */
    void stopAll(Instant t, long grace) {
        if (stopping) {
            return;
        }
        stopping = true;
        Instant soon = t.plus(stopDelay);
        Instant deadline = t.plusSeconds(Math.max(grace, 0));
        removableAt = soon.isBefore(deadline) ? soon : deadline;
        for (ContainerRun c : all()) {
            if (c.state == State.RUNNING) {
                stop(c, t, grace, "Stopping container " + c.name);
            } else {
                c.restartAt = null;
            }
        }
    }

    /**
     * Stops a container as the kubelet does: its preStop hook first (exec, httpGet or sleep, within
     * the grace period), then SIGTERM; a container that honours it is gone {@code stopDelay} later,
     * one that ignores it is killed (137) when the grace period ends.
     */
    private void stop(ContainerRun c, Instant t, long grace, String message) {
        events.record(c, "Normal", "Killing", message);
        c.killDeadline = t.plusSeconds(Math.max(grace, 0));
        Instant sigterm = t;
        JsonNode preStop = c.spec.path("lifecycle").path("preStop");
        if (preStop.has("exec")) {
            List<String> argv = new ArrayList<>();
            preStop.path("exec").path("command").forEach(a -> argv.add(a.asText()));
            sigterm = c.process.runHook(argv, t, c.killDeadline);
        } else if (preStop.has("httpGet")) {
            c.process.httpGet(port(c, preStop.path("httpGet").path("port")), preStop.path("httpGet").path("path").asText("/"),
                    gateway(), t);
        } else if (preStop.has("sleep")) {
            sigterm = min(t.plusSeconds(preStop.path("sleep").path("seconds").asLong(0)), c.killDeadline);
        }
        c.sigtermAt = sigterm;
        if (!sigterm.isAfter(t)) {
            sigterm(c, t);
        }
    }

    private void sigterm(ContainerRun c, Instant at) {
        c.sigtermAt = null;
        boolean honours = c.process.terminate(at);
        Instant soon = at.plus(stopDelay);
        c.stopAt = honours && soon.isBefore(c.killDeadline) ? soon : c.killDeadline;
        c.stopExitCode = honours ? 0 : 137;
    }

    /** Where probes come from: the node's address on the pod network (the bridge's first address). */
    private String gateway() {
        return ip == null ? hostIp : ip.substring(0, ip.lastIndexOf('.') + 1) + "1";
    }

    // ---- status -------------------------------------------------------------------------------

    /** The pod status the kubelet reports, keeping transition times of unchanged conditions from {@code old}. */
    ObjectNode status(JsonNode old, String hostIp, Instant now) {
        boolean initialized = initialized();
        boolean initFailed = initContainers.stream().anyMatch(c -> c.state == State.TERMINATED && c.exitCode != 0
                && c.restartAt == null);
        boolean allDone = !containers.isEmpty() && containers.stream()
                .allMatch(c -> c.state == State.TERMINATED && c.restartAt == null);
        String phase;
        if (initFailed) {
            phase = "Failed";
        } else if (allDone) {
            phase = containers.stream().allMatch(c -> c.exitCode == 0) ? "Succeeded" : "Failed";
        } else if (!initialized || containers.stream().anyMatch(c -> !c.everStarted && c.restarts == 0
                && c.terminatedReason == null)) {
            phase = "Pending";
        } else {
            phase = "Running";
        }
        ObjectNode s = Json.object();
        s.put("phase", phase);
        ArrayNode conditions = s.putArray("conditions");
        condition(conditions, old, "PodReadyToStartContainers", sandboxReady ? "True" : "False", null, null, now);
        if (initialized) {
            condition(conditions, old, "Initialized", "True", null, null, now);
        } else {
            condition(conditions, old, "Initialized", "False", "ContainersNotInitialized", "containers with incomplete status: "
                    + names(initContainers.stream().filter(c -> !(c.state == State.TERMINATED && c.exitCode == 0)).toList()),
                    now);
        }
        boolean terminal = phase.equals("Succeeded") || phase.equals("Failed");
        List<ContainerRun> unready = containers.stream().filter(c -> !c.ready()).toList();
        if (unready.isEmpty() && !containers.isEmpty()) {
            condition(conditions, old, "Ready", "True", null, null, now);
            condition(conditions, old, "ContainersReady", "True", null, null, now);
        } else if (terminal) {
            condition(conditions, old, "Ready", "False", "PodCompleted", null, now);
            condition(conditions, old, "ContainersReady", "False", "PodCompleted", null, now);
        } else {
            String message = "containers with unready status: " + names(unready);
            condition(conditions, old, "Ready", "False", "ContainersNotReady", message, now);
            condition(conditions, old, "ContainersReady", "False", "ContainersNotReady", message, now);
        }
        condition(conditions, old, "PodScheduled", "True", null, null, now);
        s.put("hostIP", hostIp);
        s.putArray("hostIPs").addObject().put("ip", hostIp);
        if (sandboxReady) {
            String podIp = ip != null ? ip : hostIp;
            s.put("podIP", podIp);
            s.putArray("podIPs").addObject().put("ip", podIp);
        }
        s.put("startTime", old.hasNonNull("startTime") ? old.get("startTime").asText() : Json.time(now));
        if (!initContainers.isEmpty()) {
            ArrayNode inits = s.putArray("initContainerStatuses");
            initContainers.forEach(c -> inits.add(containerStatus(c)));
        }
        ArrayNode statusList = s.putArray("containerStatuses");
        containers.stream().sorted(Comparator.comparing((ContainerRun c) -> c.name))
                .forEach(c -> statusList.add(containerStatus(c)));
        s.put("qosClass", old.path("qosClass").asText("BestEffort"));
        return s;
    }

    private static String names(List<ContainerRun> list) {
        return "[" + String.join(" ", list.stream().map(c -> c.name).sorted().toList()) + "]";
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
        cs.put("ready", c.ready());
        cs.put("restartCount", c.restarts);
        cs.put("image", c.image);
        cs.put("imageID", c.everStarted ? imageId(c.image) : "");
        if (c.containerId != null && c.state != State.WAITING) {
            cs.put("containerID", c.containerId);
        }
        cs.put("started", c.started());
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

    private Map<String, String> containerEnv(ContainerRun c) {
        Map<String, String> out = new LinkedHashMap<>(env);
        for (JsonNode e : c.spec.path("env")) {
            if (e.has("value")) {
                out.put(e.path("name").asText(), e.path("value").asText());
            }
        }
        return out;
    }

    static String imageId(String image) {
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

    static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : (b.isBefore(a) ? b : a);
    }
}
