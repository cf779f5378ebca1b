package dev.fakecluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /**
     * A server that forwards every request to a real server on this machine ({@code http://127.0.0.1:8080}
     * or {@code http://localhost:...}): the app under test, running outside the cluster, answers for
     * the pod. Only loopback addresses are accepted; a request that cannot reach it gets a 502.
     */
    public static ContainerBehaviour upstream(URI base) {
        String host = Objects.requireNonNull(base, "base").getHost();
        if (!"http".equals(base.getScheme()) || host == null
                || !(host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1"))) {
            throw new IllegalArgumentException("an upstream must be an http URL on this machine (localhost, 127.0.0.1 or [::1]): "
                    + base);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        return httpServer(request -> {
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(root + request.path()))
                    .timeout(Duration.ofSeconds(30))
                    .method(request.method(), request.body().isEmpty() ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(request.body()));
            try {
                HttpResponse<String> response = client.send(forward.build(), HttpResponse.BodyHandlers.ofString());
                Map<String, String> headers = new LinkedHashMap<>();
                response.headers().map().forEach((name, values) -> headers.put(name, values.get(0)));
                return new Reply(response.statusCode(), headers, response.body());
            } catch (IOException e) {
                return Reply.of(502, "upstream " + root + " unreachable: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Reply.of(502, "interrupted");
            }
        });
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
