package dev.fakecluster.internal.kubelet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A long-running server image (nginx, httpd, the bootcamp app, or any image without a behaviour of
 * its own): it listens on its ports, answers every GET through {@code page}, and exits with code 0
 * as soon as it is asked to stop. A command run inside it (an exec probe) finds a plain userland.
 */
final class ServerProcess implements ContainerProcess {

    private final Set<Integer> ports;
    private final BiFunction<Integer, String, HttpOutcome> page;
    private Instant stoppedAt;

    /** A server on {@code ports} (null: on every port) answering through {@code page}. */
    ServerProcess(Set<Integer> ports, BiFunction<Integer, String, HttpOutcome> page) {
        this.ports = ports == null ? null : Set.copyOf(ports);
        this.page = page;
    }

    @Override
    public Status advanceTo(Instant t) {
        return stoppedAt != null ? Status.exited(0, stoppedAt) : Status.running(null);
    }

    @Override
    public boolean terminate(Instant at) {
        if (stoppedAt == null) {
            stoppedAt = at;
        }
        return true;
    }

    @Override
    public ExecOutcome exec(List<String> argv, Instant at, Duration timeout) {
        return Shells.exec(argv, at, timeout);
    }

    @Override
    public HttpOutcome httpGet(int port, String path, Instant at) {
        return listens(port) ? page.apply(port, path) : null;
    }

    @Override
    public boolean listens(int port) {
        return stoppedAt == null && (ports == null || ports.contains(port));
    }
}
