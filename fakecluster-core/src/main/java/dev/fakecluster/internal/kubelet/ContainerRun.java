package dev.fakecluster.internal.kubelet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One container of a pod on a simulated kubelet: its state, restarts, back-off and output. */
final class ContainerRun {

    /** Crash back-off: 10 s doubling to 5 min, forgotten after 10 min without a crash. */
    static final Duration BACKOFF_INITIAL = Duration.ofSeconds(10);
    static final Duration BACKOFF_MAX = Duration.ofMinutes(5);

    final String name;
    final String image;
    final ObjectNode spec;
    State state = State.WAITING;
    String waitingReason = "ContainerCreating";
    String waitingMessage;
    Instant startedAt;
    Instant finishedAt;
    Instant exitAt;
    Instant restartAt;
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
    List<String> log = new ArrayList<>();
    List<String> previousLog = List.of();

    enum State { WAITING, RUNNING, TERMINATED }

    ContainerRun(ObjectNode spec) {
        this.spec = spec;
        this.name = spec.path("name").asText();
        this.image = spec.path("image").asText();
    }

    /** Records the end of the current run at {@code at} with {@code code}. */
    void terminate(Instant at, int code, String reason, String message) {
        state = State.TERMINATED;
        finishedAt = at;
        exitCode = code;
        terminatedReason = reason;
        terminatedMessage = message;
        exitAt = null;
    }

    /** Decides when a terminated container starts again (the kubelet's back-off), setting {@link #restartAt}. */
    void scheduleRestart() {
        boolean stale = backoffUpdated != null && Duration.between(backoffUpdated, finishedAt).compareTo(BACKOFF_MAX.multipliedBy(2)) > 0;
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
