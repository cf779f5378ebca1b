package dev.fakecluster;

import dev.fakecluster.internal.proxy.ServiceProxy;
import dev.fakecluster.internal.store.StoredObject;
import java.util.Map;
import java.util.Objects;

/**
 * Sends HTTP requests into the cluster as kube-proxy would route them, with no socket involved.
 * The URL's host may be a Service name (resolved through cluster DNS from the client's namespace:
 * {@code httpd-svc}, {@code httpd2-svc.kube-public}, ...), a ClusterIP with a Service port, a node
 * name or node address with a NodePort, a load-balancer address, or a pod's address or DNS name.
 * A Service's request goes to one of its ready endpoints — at random per request from the seeded
 * source, or round-robin ({@link ClusterBuilder#loadBalancing}); {@code sessionAffinity: ClientIP}
 * keeps a client on one endpoint — and is answered by that pod's container behaviour.
 *
 * <pre>{@code
 * Reply reply = cluster.http().get("http://httpd-svc:8080/");
 * assertThat(reply.body()).isEqualTo("<html><body><h1>It works!</h1></body></html>\n");
 * assertThat(reply.pod()).startsWith("httpd-");
 * }</pre>
 *
 * Instances are immutable and cheap; {@link #from} and {@link #inNamespace} return changed copies.
 *
 * @since 0.1
 */
public final class ClusterHttp {

    private final ServiceProxy proxy;
    private final Runnable checkOpen;
    private final String clientIp;
    private final String namespace;
    private final String sourcePod;

    ClusterHttp(ServiceProxy proxy, Runnable checkOpen, String clientIp, String namespace, String sourcePod) {
        this.proxy = proxy;
        this.checkOpen = checkOpen;
        this.clientIp = clientIp;
        this.namespace = namespace;
        this.sourcePod = sourcePod;
    }

    /**
     * {@code GET url}.
     *
     * @throws ConnectionFailedException when no container receives the request
     */
    public Reply get(String url) {
        return send("GET", url, Map.of(), "");
    }

    /**
     * Sends a request; {@code Host}, {@code User-Agent} and {@code Accept} are filled in unless given.
     *
     * @return the container's reply, naming the pod that answered
     * @throws ConnectionFailedException when no container receives the request
     * @throws IllegalArgumentException when {@code url} is not a plain {@code http} URL
     */
    public Reply send(String method, String url, Map<String, String> headers, String body) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        checkOpen.run();
        return proxy.send(method, url, headers == null ? Map.of() : headers, body, clientIp, namespace, sourcePod);
    }

    /**
     * A client outside the pod network whose requests come from {@code clientIp}: what
     * {@code sessionAffinity: ClientIP} keys on and what NetworkPolicy {@code ipBlock}s see.
     */
    public ClusterHttp from(String clientIp) {
        return new ClusterHttp(proxy, checkOpen, Objects.requireNonNull(clientIp, "clientIp"), namespace, null);
    }

    /**
     * A client inside pod {@code namespace/pod}: its requests leave from the pod's address, short
     * names resolve in its namespace, and NetworkPolicies judge them as that pod's traffic (its
     * egress rules, the destination's ingress rules). The pod must have an address when a request
     * is sent.
     */
    public ClusterHttp fromPod(String namespace, String pod) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(pod, "pod");
        return new ClusterHttp(proxy, checkOpen, clientIp, namespace, StoredObject.key("pods", namespace, pod));
    }

    /** A client that resolves short names as a pod in {@code namespace} does. */
    public ClusterHttp inNamespace(String namespace) {
        return new ClusterHttp(proxy, checkOpen, clientIp, Objects.requireNonNull(namespace, "namespace"), sourcePod);
    }
}
