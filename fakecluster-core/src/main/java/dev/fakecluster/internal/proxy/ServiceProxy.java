package dev.fakecluster.internal.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.ConnectionFailedException;
import dev.fakecluster.ConnectionFailedException.Reason;
import dev.fakecluster.Dns;
import dev.fakecluster.LoadBalancing;
import dev.fakecluster.Reply;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.bootstrap.Topology;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.dns.ClusterDns;
import dev.fakecluster.internal.endpoints.SliceEndpoints;
import dev.fakecluster.internal.endpoints.SliceEndpoints.Backend;
import dev.fakecluster.internal.kubelet.Kubelet;
import dev.fakecluster.internal.kubelet.NodeAgents;
import dev.fakecluster.internal.errors.Errors;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.net.Ipv4;
import dev.fakecluster.internal.netpol.NetworkPolicies;
import dev.fakecluster.internal.netpol.NetworkPolicies.Source;
import dev.fakecluster.internal.workload.Pods;
import dev.fakecluster.internal.random.SeededRandom;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * kube-proxy and the pod network, for requests sent from a test: the host is resolved through
 * cluster DNS (then node names), the address and port lead to a Service port, a node port or a
 * pod ({@link Targets}), a Service's ready endpoints — read from its EndpointSlices, as kube-proxy
 * reads them; terminating but serving ones only when none is ready — are balanced over
 * ({@link Balancer}), and the chosen pod's kubelet delivers the request to its container.
 * Failures are {@link ConnectionFailedException}s with Go's error texts.
 */
public final class ServiceProxy {

    private final ApiServer api;
    private final Kubelet kubelet;
    private final NodeAgents agents;
    private final Balancer balancer;
    private final Map<String, Memo> memos = new java.util.concurrent.ConcurrentHashMap<>();

    /** Where requests from real sockets come from. */
    private static final String LOOPBACK = "127.0.0.1";

    public ServiceProxy(ApiServer api, Kubelet kubelet, NodeAgents agents, SeededRandom random, VirtualClock clock,
            LoadBalancing mode) {
        this.api = api;
        this.kubelet = kubelet;
        this.agents = agents;
        this.balancer = new Balancer(mode, random, clock);
    }

    /**
     * Sends a request from {@code clientIp} — or, when {@code sourcePod} (a pod key) is given, from
     * that pod — resolving names as a pod in {@code namespace} would.
     *
     * @throws ConnectionFailedException when no container receives it
     */
    public Reply send(String method, String url, Map<String, String> headers, String body, String clientIp,
            String namespace, String sourcePod) {
        Url u = Url.parse(url);
        ClusterState state = api.state();
        Source source = source(state, clientIp, sourcePod);
        String ip = resolve(state, u, namespace);
        Target target = Targets.find(state, agents, ip, u.port());
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", u.authority());
        all.put("User-Agent", "fakecluster");
        all.put("Accept", "*/*");
        all.putAll(headers);
        Request request = new Request(method, u.path(), all, body == null ? "" : body, source, ip + ":" + u.port());
        if (target instanceof Target.ServicePort s) {
            return toService(state, s, request);
        }
        if (target instanceof Target.Pod p) {
            return deliver(state, p.pod(), p.port(), request);
        }
        throw target instanceof Target.Refused ? refused(request) : timedOut(request);
    }

    /**
     * A request arriving at a node port from outside the cluster: it enters at the first node that
     * is up, as if {@code localhost} were that node.
     *
     * @throws ConnectionFailedException when no container receives it
     */
    public Reply viaNodePort(int nodePort, String method, String target, Map<String, String> headers, String body) {
        ClusterState state = api.state();
        for (StoredObject node : state.list("nodes", null)) {
            if (agents.isAlive(node.name())) {
                String url = "http://" + Topology.internalIp(node.json()) + ":" + nodePort + target;
                return send(method, url, headers, body, LOOPBACK, "default", null);
            }
        }
        throw new ConnectionFailedException(Reason.TIMED_OUT, "dial tcp 127.0.0.1:" + nodePort + ": i/o timeout");
    }

    /**
     * A request that {@code kubectl port-forward} carries into pod {@code podKey}: through the
     * kubelet into the pod's own network, so neither Services nor NetworkPolicies are involved.
     *
     * @throws ConnectionFailedException when the pod is gone, its node is down, or nothing listens
     */
    public Reply forward(String podKey, int port, String method, String target, Map<String, String> headers,
            String body) {
        ClusterState state = api.state();
        StoredObject pod = state.get(podKey);
        Request request = new Request(method, target, headers, body, new Source(LOOPBACK, null), "127.0.0.1:" + port);
        if (pod == null || Pods.isTerminal(pod.json())) {
            throw new ConnectionFailedException(Reason.REFUSED, "lost connection to pod");
        }
        return enter(state, pod, port, request);
    }

    /** What reaches a container, who sent it, and where the client thinks it is connecting. */
    private record Request(String method, String path, Map<String, String> headers, String body, Source source,
            String dialled) {

        Request from(Source other) {
            return new Request(method, path, headers, body, other, dialled);
        }
    }

    private Source source(ClusterState state, String clientIp, String sourcePod) {
        if (sourcePod == null) {
            return new Source(clientIp, null);
        }
        StoredObject pod = state.get(sourcePod);
        if (pod == null) {
            String name = sourcePod.substring(sourcePod.lastIndexOf('/') + 1);
            throw Errors.notFound(api.resolveKind("pods"), name);
        }
        String ip = Json.text(pod.json(), "status", "podIP");
        if (ip == null || Pods.isTerminal(pod.json())) {
            throw new IllegalStateException("pod " + pod.namespace() + "/" + pod.name()
                    + " cannot send: it has no address (phase " + Pods.phase(pod.json()) + ")");
        }
        return new Source(ip, pod);
    }

    /** The address to connect to: an IPv4 literal, a cluster DNS name, or a node's name. */
    private String resolve(ClusterState state, Url u, String namespace) {
        if (Ipv4.isAddress(u.host())) {
            return u.host();
        }
        Optional<Dns.Answer> answer = ClusterDns.lookup(state, u.host(), namespace);
        if (answer.isPresent() && !answer.get().addresses().isEmpty()) {
            List<String> addresses = answer.get().addresses();
            return balancer.choose("dns/" + answer.get().name(), addresses, "", null);
        }
        String node = Topology.internalIp(state, u.host());
        if (answer.isEmpty() && node != null) {
            return node;
        }
        throw new ConnectionFailedException(Reason.NO_SUCH_HOST, "dial tcp: lookup " + u.host() + " on "
                + Topology.DNS_SERVICE_IP + ":53: no such host");
    }

    private Reply toService(ClusterState state, Target.ServicePort target, Request request) {
        String clientIp = request.source().ip();
        StoredObject svc = target.service();
        JsonNode spec = svc.json().path("spec");
        String portName = target.port().path("name").asText("");
        List<Backend> backends = backends(state, svc);
        List<Backend> usable = usable(backends, portName, true);
        if (usable.isEmpty()) {
            usable = usable(backends, portName, false);
        }
        if (target.viaNode() != null && "Local".equals(spec.path("externalTrafficPolicy").asText())) {
            usable.removeIf(b -> !target.viaNode().equals(b.nodeName()));
            if (usable.isEmpty()) {
                throw timedOut(request);
            }
        } else if (target.viaNode() != null) {
            // kube-proxy masquerades node-port traffic it may forward: the pod sees the node's address
            request = request.from(new Source(Topology.internalIp(state, target.viaNode()), null));
        } else if ("Local".equals(spec.path("internalTrafficPolicy").asText())) {
            String node = sourceNode(state, request.source());
            if (node != null) {
                usable.removeIf(b -> !node.equals(b.nodeName()));
                if (usable.isEmpty()) {
                    throw timedOut(request); // no local endpoint: kube-proxy drops the traffic
                }
            }
        }
        if (usable.isEmpty()) {
            throw refused(request);
        }
        Duration affinity = null;
        if ("ClientIP".equals(spec.path("sessionAffinity").asText())) {
            affinity = Duration.ofSeconds(spec.path("sessionAffinityConfig").path("clientIP").path("timeoutSeconds")
                    .asLong(10_800));
        }
        List<String> ips = usable.stream().map(Backend::ip).toList();
        String chosen = balancer.choose(svc.key() + "/" + portName, ips, clientIp, affinity);
        Backend backend = usable.get(ips.indexOf(chosen));
        StoredObject pod = backend.podName() != null
                ? state.get(StoredObject.key("pods", backend.podNamespace(), backend.podName()))
                : Targets.podAt(state, backend.ip());
        if (pod == null) {
            throw timedOut(request);
        }
        return deliver(state, pod, backend.ports().get(portName), request);
    }

    /** The node a connection leaves from: the sending pod's, or the node whose address it is; null for outsiders. */
    private static String sourceNode(ClusterState state, Source source) {
        if (source.pod() != null) {
            return Pods.nodeName(source.pod().json());
        }
        for (StoredObject node : state.list("nodes", null)) {
            if (source.ip().equals(Topology.internalIp(node.json()))) {
                return node.name();
            }
        }
        return null;
    }

    /** A Service's backends as last read, and the slices they were read from. */
    private record Memo(List<StoredObject> slices, List<Backend> backends) {
    }

    /**
     * The Service's backends from its EndpointSlices, read again only when a slice changed: slices
     * are immutable stored objects, so the same objects mean the same backends.
     */
    private List<Backend> backends(ClusterState state, StoredObject svc) {
        List<StoredObject> slices = SliceEndpoints.slices(state, svc.namespace(), svc.name());
        Memo memo = memos.get(svc.key());
        if (memo != null && sameObjects(memo.slices(), slices)) {
            return memo.backends();
        }
        List<Backend> backends = SliceEndpoints.of(slices);
        memos.put(svc.key(), new Memo(slices, backends));
        return backends;
    }

    private static boolean sameObjects(List<StoredObject> a, List<StoredObject> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** Ready endpoints offering the port; or (fallback) those still serving while they terminate. */
    private static List<Backend> usable(List<Backend> backends, String portName, boolean ready) {
        List<Backend> out = new ArrayList<>();
        for (Backend b : backends) {
            if (b.ports().containsKey(portName) && (ready ? b.ready() : b.serving() && b.terminating())) {
                out.add(b);
            }
        }
        return out;
    }

    /** Hands the request to the pod, unless a NetworkPolicy drops it on the way. */
    private Reply deliver(ClusterState state, StoredObject pod, int port, Request request) {
        if (!NetworkPolicies.allows(state, request.source(), pod, port)) {
            throw timedOut(request);
        }
        return enter(state, pod, port, request);
    }

    /** Hands the request to the pod's kubelet: a dead node answers nothing, a closed port refuses. */
    private Reply enter(ClusterState state, StoredObject pod, int port, Request request) {
        String node = pod.json().path("spec").path("nodeName").asText("");
        if (node.isEmpty() || !agents.isAlive(node) || state.get(StoredObject.key("nodes", "", node)) == null) {
            throw timedOut(request);
        }
        if (kubelet == null) {
            throw refused(request);
        }
        return kubelet.http(pod.key(), port, request.method(), request.path(), request.headers(), request.body(),
                request.source().ip()).orElseThrow(() -> refused(request));
    }

    private static ConnectionFailedException refused(Request request) {
        return new ConnectionFailedException(Reason.REFUSED, "dial tcp " + request.dialled() + ": connect: connection refused");
    }

    private static ConnectionFailedException timedOut(Request request) {
        return new ConnectionFailedException(Reason.TIMED_OUT, "dial tcp " + request.dialled() + ": i/o timeout");
    }
}
