package dev.fakecluster.internal.loadbalancer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.events.EventRecorder;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.runtime.QueueController;
import dev.fakecluster.internal.services.ServiceSpecs;
import dev.fakecluster.internal.store.Change;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A load-balancer implementation in the manner of a cloud's service controller or MetalLB: a
 * Service of type LoadBalancer (without a {@code loadBalancerClass} of its own) gets an address
 * from the pool {@code delay} after it became one — {@code spec.loadBalancerIP} when that is in
 * the pool and free, else the lowest free address — in {@code status.loadBalancer.ingress}
 * ({@code ipMode: VIP}). Without a pool, or with the pool exhausted, it stays {@code <pending>}.
 * A Service that stops being a LoadBalancer loses its ingress.
 */
public final class LoadBalancerController extends QueueController {

    private static final String COMPONENT = "service-controller";

    private final ApiServer api;
    private final EventRecorder events;
    private final AddressPool pool;
    private final Duration delay;
    private final KindInfo serviceKind;
    /** When each LoadBalancer Service (by key, then uid) was first seen as one. */
    private final Map<String, Seen> since = new HashMap<>();

    private record Seen(String uid, Instant at) {
    }

    /** A controller handing out {@code pool} (a range or CIDR; null for none) after {@code delay}. */
    public LoadBalancerController(ApiServer api, VirtualClock clock, EventRecorder events, String pool, Duration delay) {
        super(clock);
        this.api = api;
        this.events = events;
        this.pool = pool == null ? null : AddressPool.parse(pool);
        this.delay = delay;
        this.serviceKind = api.resolveKind("services");
    }

    @Override
    protected void keysFor(Change change, Consumer<String> enqueue) {
        if (change.object().resource().equals("services")) {
            enqueue.accept(change.object().key());
        }
    }

    @Override
    protected void allKeys(ClusterState state, Consumer<String> enqueue) {
        state.list("services", null).forEach(svc -> enqueue.accept(svc.key()));
    }

    @Override
    protected void sync(String key) {
        StoredObject svc = api.state().get(key);
        if (svc == null) {
            since.remove(key);
            return;
        }
        JsonNode spec = svc.json().path("spec");
        boolean hasIngress = !svc.json().path("status").path("loadBalancer").path("ingress").isEmpty();
        if (!ServiceSpecs.type(spec).equals("LoadBalancer")) {
            since.remove(key);
            if (hasIngress) {
                writeIngress(svc, null);
            }
            return;
        }
        if (hasIngress || spec.hasNonNull("loadBalancerClass") || pool == null) {
            return;
        }
        Seen seen = since.get(key);
        if (seen == null || !seen.uid().equals(svc.uid())) {
            seen = new Seen(svc.uid(), now());
            since.put(key, seen);
            events.normal(svc, COMPONENT, "EnsuringLoadBalancer", "Ensuring load balancer");
        }
        Instant due = seen.at().plus(delay);
        if (now().isBefore(due)) {
            requeueAt(due, key);
            return;
        }
        String ip = address(api.state(), spec);
        if (ip != null) {
            StoredObject updated = writeIngress(svc, ip);
            events.normal(updated == null ? svc : updated, COMPONENT, "EnsuredLoadBalancer", "Ensured load balancer");
        }
    }

    /** The requested address when free and in the pool, else the lowest free one; null when none is left. */
    private String address(ClusterState state, JsonNode spec) {
        Set<String> used = new LinkedHashSet<>();
        for (StoredObject other : state.list("services", null)) {
            other.json().path("status").path("loadBalancer").path("ingress").forEach(i -> used.add(i.path("ip").asText()));
        }
        String requested = spec.path("loadBalancerIP").asText("");
        if (!requested.isEmpty() && pool.contains(requested) && !used.contains(requested)) {
            return requested;
        }
        return pool.next(used);
    }

    private StoredObject writeIngress(StoredObject svc, String ip) {
        return api.mutate(serviceKind, svc.namespace(), svc.name(), o -> {
            ObjectNode lb = Json.with(o, "status", "loadBalancer");
            lb.removeAll();
            if (ip != null) {
                lb.putArray("ingress").addObject().put("ip", ip).put("ipMode", "VIP");
            }
            return o;
        });
    }
}
