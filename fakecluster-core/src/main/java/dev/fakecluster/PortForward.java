package dev.fakecluster;

import dev.fakecluster.internal.sockets.Listener;
import java.net.URI;

/**
 * A real listener on {@code 127.0.0.1} whose HTTP requests reach one pod's port, as
 * {@code kubectl port-forward} opens it: the pod is chosen once, when the forward starts, and
 * requests enter it through its kubelet (no Service, no NetworkPolicy on the way). When the pod
 * goes away, connections are closed unanswered. Closed with the cluster if not before.
 *
 * <pre>{@code
 * try (PortForward forward = cluster.portForward("default", "svc/httpd-svc", 8080)) {
 *     HttpResponse<String> page = HttpClient.newHttpClient().send(
 *             HttpRequest.newBuilder(forward.uri().resolve("/")).build(), BodyHandlers.ofString());
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class PortForward implements AutoCloseable {

    private final Listener listener;
    private final String pod;
    private final int remotePort;
    private final Runnable onClose;

    PortForward(Listener listener, String pod, int remotePort, Runnable onClose) {
        this.listener = listener;
        this.pod = pod;
        this.remotePort = remotePort;
        this.onClose = onClose;
    }

    /** The local port, on 127.0.0.1. */
    public int localPort() {
        return listener.port();
    }

    /** {@code http://127.0.0.1:<localPort>/}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + localPort() + "/");
    }

    /** The name of the pod requests go to. */
    public String pod() {
        return pod;
    }

    /** The port inside the pod. */
    public int remotePort() {
        return remotePort;
    }

    /** Stops listening; idempotent. */
    @Override
    public void close() {
        listener.close();
        onClose.run();
    }

    @Override
    public String toString() {
        return "Forwarding from 127.0.0.1:" + localPort() + " -> " + remotePort + " (pod " + pod + ")";
    }
}
