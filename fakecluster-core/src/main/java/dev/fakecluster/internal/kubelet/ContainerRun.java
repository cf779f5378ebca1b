package dev.fakecluster.internal.kubelet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One container of a pod on a simulated kubelet: its state, current process, probes, restarts, back-off and output. */
final class ContainerRun {

    /** Crash back-off: 10 s doubling to 5 min, forgotten after 10 min without a crash. */
    static final Duration BACKOFF_INITIAL = Duration.ofSeconds(10);
    static final Duration BACKOFF_MAX = Duration.ofMinutes(5);

    final String name;
    final String image;
    final ObjectNode spec;
    final boolean init;
    final List<Prober> probers = new ArrayList<>();
    State state = State.WAITING;
    String waitingReason;
    String waitingMessage;
    ContainerProcess process;
    Instant startedAt;
    Instant finishedAt;
    Instant restartAt;
    /** While a preStop hook runs: when SIGTERM follows, and the end of the grace period. */
    Instant sigtermAt;
    Instant killDeadline;
    /** While stopping: when the container will be gone, and with which exit code. */
    Instant stopAt;
    int stopExitCode;
    int exitCode;
    String terminatedReason;
    String terminatedMessage;
    ObjectNode lastState;
    int restarts;
    boolean everStarted;
    String containerId;
    Duration backoff;
    Instant backoffUpdated;
    boolean doubleOnRestart;
    /** An image pull under way ends at this instant; a failed one is retried at {@code pullRetryAt}. */
    Instant pullDoneAt;
    Instant pullRetryAt;
    Instant pullBackOffShownAt;
    Duration pullBackoff;
    ContainerLog log = new ContainerLog();
    ContainerLog previousLog = new ContainerLog();

    enum State { WAITING, RUNNING, TERMINATED }

    ContainerRun(ObjectNode spec, boolean init, String waitingReason) {
        this.spec = spec;
        this.init = init;
        this.name = spec.path("name").asText();
        this.image = spec.path("image").asText();
        this.waitingReason = waitingReason;
    }

    Prober prober(Prober.Kind kind) {
        for (Prober p : probers) {
            if (p.kind == kind) {
                return p;
            }
        }
        return null;
    }

    /** Started: running, and past its startup probe if it has one. */
    boolean started() {
        Prober startup = prober(Prober.Kind.STARTUP);
        return state == State.RUNNING && (startup == null || Boolean.TRUE.equals(startup.result()));
    }

    /** Ready: started, not being stopped, and passing its readiness probe if it has one. */
    boolean ready() {
        Prober readiness = prober(Prober.Kind.READINESS);
        return started() && (readiness == null || Boolean.TRUE.equals(readiness.result()));
    }

    /** Records the end of the current run at {@code at} with {@code code}. */
    void terminate(Instant at, int code, String reason, String message) {
        state = State.TERMINATED;
        finishedAt = at;
        exitCode = code;
        terminatedReason = reason;
        terminatedMessage = message;
        process = null;
        stopAt = null;
        sigtermAt = null;
    }

    /** Decides when a terminated container starts again (the kubelet's back-off), setting {@link #restartAt}. */
    void scheduleRestart() {
        boolean stale = backoffUpdated != null
                && Duration.between(backoffUpdated, finishedAt).compareTo(BACKOFF_MAX.multipliedBy(2)) > 0;
        if (backoff == null || stale) {
            backoff = BACKOFF_INITIAL;
            backoffUpdated = finishedAt;
            doubleOnRestart = false;
            restartAt = finishedAt;
        } else {
            restartAt = finishedAt.plus(backoff);
            doubleOnRestart = true;
        }
    }

    /** The terminated state as the API shows it. */
    ObjectNode terminatedJson() {
        ObjectNode t = Json.object().put("exitCode", exitCode).put("reason", terminatedReason);
        if (terminatedMessage != null) {
            t.put("message", terminatedMessage);
        }
        if (startedAt != null) {
            t.put("startedAt", Json.time(startedAt));
        }
        t.put("finishedAt", Json.time(finishedAt));
        if (containerId != null) {
            t.put("containerID", containerId);
        }
        return t;
    }
}
