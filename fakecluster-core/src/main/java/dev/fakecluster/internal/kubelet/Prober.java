package dev.fakecluster.internal.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * One probe of one container with the kubelet's timing (pkg/kubelet/prober/worker.go): a tick every
 * {@code periodSeconds} from the pod's admission (readiness also runs at once when a container starts,
 * restarting its ticker); runs are skipped while the container is not running, before
 * {@code initialDelaySeconds} (whole seconds since the start), and — for liveness and readiness —
 * until a startup probe has succeeded; the result flips only after {@code failureThreshold}
 * consecutive failures or {@code successThreshold} consecutive successes. Readiness starts failed,
 * liveness passing, startup unknown. A liveness or startup failure puts the probe on hold until the
 * next container instance.
 */
final class Prober {

    enum Kind {
        STARTUP("Startup", "startupProbe"), LIVENESS("Liveness", "livenessProbe"), READINESS("Readiness", "readinessProbe");

        final String title;
        final String field;

        Kind(String title, String field) {
            this.title = title;
            this.field = field;
        }
    }

    /** What one run of the handler found. */
    record Attempt(boolean success, String output) {
    }

    /** What a run did: whether it probed, its attempt, and whether it changed the result. */
    record Run(boolean probed, Attempt attempt, boolean flipped) {
        static final Run SKIPPED = new Run(false, null, false);
    }

    final Kind kind;
    final JsonNode spec;
    private final Duration period;
    private final long initialDelaySeconds;
    private final int successThreshold;
    private final int failureThreshold;
    private Instant nextTick;
    private Boolean result;
    private Boolean lastAttempt;
    private int run;
    private boolean onHold;

    Prober(Kind kind, JsonNode spec, Instant admitted) {
        this.kind = kind;
        this.spec = spec;
        this.period = Duration.ofSeconds(Math.max(1, spec.path("periodSeconds").asLong(10)));
        this.initialDelaySeconds = spec.path("initialDelaySeconds").asLong(0);
        this.successThreshold = Math.max(1, spec.path("successThreshold").asInt(1));
        this.failureThreshold = Math.max(1, spec.path("failureThreshold").asInt(3));
        this.nextTick = admitted;
        reset();
    }

    /** A new container instance started at {@code at}: results start over; readiness probes at once. */
    void containerStarted(Instant at) {
        reset();
        if (kind == Kind.READINESS) {
            nextTick = at;
        }
    }

    private void reset() {
        result = switch (kind) {
            case READINESS -> false;
            case LIVENESS -> true;
            case STARTUP -> null;
        };
        lastAttempt = null;
        run = 0;
        onHold = false;
    }

    /** The current result: true passing, false failing, null unknown. */
    Boolean result() {
        return result;
    }

    Instant nextTick() {
        return nextTick;
    }

    /**
     * Runs the tick due at or before {@code at} (call only when due): skips when the container is not
     * running, before the initial delay or before startup succeeded; otherwise calls {@code probe}.
     */
    Run tick(Instant at, Instant containerStartedAt, boolean started, Supplier<Attempt> probe) {
        nextTick = nextTick.plus(period);
        while (!nextTick.isAfter(at)) {
            nextTick = nextTick.plus(period);
        }
        if (containerStartedAt == null) {
            if (kind == Kind.READINESS) {
                result = false;
            }
            return Run.SKIPPED;
        }
        if (onHold || Duration.between(containerStartedAt, at).toSeconds() < initialDelaySeconds) {
            return Run.SKIPPED;
        }
        if ((kind == Kind.STARTUP) == started) {
            return Run.SKIPPED;
        }
        Attempt attempt = probe.get();
        if (lastAttempt != null && lastAttempt == attempt.success()) {
            run++;
        } else {
            lastAttempt = attempt.success();
            run = 1;
        }
        if (run < (attempt.success() ? successThreshold : failureThreshold)) {
            return new Run(true, attempt, false);
        }
        boolean flipped = !Boolean.valueOf(attempt.success()).equals(result);
        result = attempt.success();
        if (!attempt.success() && kind != Kind.READINESS) {
            onHold = true;
            run = 0;
        }
        return new Run(true, attempt, flipped);
    }
}
