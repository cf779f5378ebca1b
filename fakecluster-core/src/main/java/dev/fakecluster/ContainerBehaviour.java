package dev.fakecluster;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a simulated container does, registered per image with {@link ClusterBuilder#image}.
 * Nothing runs on the host: a behaviour is a Java handler or a script for the simulated shell.
 *
 * <pre>{@code
 * AtomicBoolean healthy = new AtomicBoolean(true);
 * Cluster.builder().image("myhttpd", ContainerBehaviour.httpServer(request ->
 *         request.path().equals("/health") && !healthy.get() ? Reply.of(503, "sick") : Reply.of(200, "ok")));
 * }</pre>
 *
 * @since 0.1
 */
public final class ContainerBehaviour {

    final Function<Request, Reply> handler;
    final String script;
    final Duration runtime;
    final int exitCode;

    private ContainerBehaviour(Function<Request, Reply> handler, String script, Duration runtime, int exitCode) {
        this.handler = handler;
        this.script = script;
        this.runtime = runtime;
        this.exitCode = exitCode;
    }

    /**
     * A server that answers HTTP on every port the container declares (and on any port probes or
     * traffic use) through {@code handler}; it runs until stopped and stops at once on SIGTERM.
     */
    public static ContainerBehaviour httpServer(Function<Request, Reply> handler) {
        return new ContainerBehaviour(Objects.requireNonNull(handler, "handler"), null, null, 0);
    }

    /** Runs {@code script} in the simulated shell ({@code sh -c}) instead of the manifest's command. */
    public static ContainerBehaviour script(String script) {
        return new ContainerBehaviour(null, Objects.requireNonNull(script, "script"), null, 0);
    }

    /** Runs for {@code runtime}, then exits with {@code exitCode}. */
    public static ContainerBehaviour exitAfter(Duration runtime, int exitCode) {
        if (runtime.isNegative()) {
            throw new IllegalArgumentException("runtime cannot be negative: " + runtime);
        }
        return new ContainerBehaviour(null, null, runtime, exitCode);
    }
}
