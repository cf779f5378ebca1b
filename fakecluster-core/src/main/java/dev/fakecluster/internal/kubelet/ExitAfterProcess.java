package dev.fakecluster.internal.kubelet;

import java.time.Duration;
import java.time.Instant;

/** A process that runs for a fixed time and exits with a fixed code; SIGTERM ends it at once with 143. */
final class ExitAfterProcess implements ContainerProcess {

    private final Instant exitAt;
    private final int exitCode;
    private Instant terminatedAt;

    ExitAfterProcess(Instant startedAt, Duration runtime, int exitCode) {
        this.exitAt = startedAt.plus(runtime);
        this.exitCode = exitCode;
    }

    @Override
    public Status advanceTo(Instant t) {
        if (terminatedAt != null && terminatedAt.isBefore(exitAt)) {
            return Status.exited(143, terminatedAt);
        }
        return t.isBefore(exitAt) ? Status.running(exitAt) : Status.exited(exitCode, exitAt);
    }

    @Override
    public boolean terminate(Instant at) {
        if (terminatedAt == null) {
            terminatedAt = at;
        }
        return true;
    }

    @Override
    public HttpOutcome http(int port, HttpCall call, String from, Instant at) {
        return null;
    }

    @Override
    public boolean listens(int port) {
        return false;
    }
}
