package dev.fakecluster.internal.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.internal.errors.Errors;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.net.Ipv4;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.validation.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Allocates one Service's ClusterIP and node ports against every other Service in a state (the
 * allocators' bitmaps, recomputed from the stored Services, so a deleted Service's values are free
 * again). Failures are the API server's: 422 Invalid for a requested value that is taken or out of
 * range, 500 InternalError when a range is full.
 */
final class ServiceAllocator {

    private final Set<Long> usedIps = new HashSet<>();
    private final Set<Integer> usedPorts = new HashSet<>();
    private final KindInfo kind;
    private final String name;
    private final Random random;

    /** An allocator that treats the values of every Service but the one at {@code selfKey} as taken. */
    ServiceAllocator(ClusterState state, String selfKey, KindInfo kind, String name, Random random) {
        this.kind = kind;
        this.name = name;
        this.random = random;
        for (StoredObject svc : state.list("services", null)) {
            if (svc.key().equals(selfKey)) {
                continue;
            }
            JsonNode spec = svc.json().path("spec");
            for (String ip : ServiceSpecs.clusterIps(spec)) {
                long address = Ipv4.parse(ip);
                if (address >= 0) {
                    usedIps.add(address);
                }
            }
            usedPorts.addAll(ServiceUpdates.nodePorts(spec));
            int healthCheck = spec.path("healthCheckNodePort").asInt(0);
            if (healthCheck != 0) {
                usedPorts.add(healthCheck);
            }
        }
    }

    /** Takes the requested ClusterIP, or a free one when none was requested; headless Services get none. */
    void clusterIp(ObjectNode spec, ClusterIpRange range) {
        List<String> ips = ServiceSpecs.clusterIps(spec);
        if (!ips.isEmpty() && ips.get(0).equals("None")) {
            spec.put("clusterIP", "None");
            spec.putArray("clusterIPs").add("None");
            return;
        }
        String ip;
        if (ips.isEmpty()) {
            ip = range.next(usedIps, random);
            if (ip == null) {
                throw Errors.internalError("failed to allocate a serviceIP: range is full");
            }
        } else {
            ip = ips.get(0);
            String refusal = range.refusal(ip, usedIps);
            if (refusal != null) {
                throw invalid(FieldError.invalid("spec.clusterIPs", FieldError.goStrings(ips),
                        "failed to allocate IP " + ip + ": " + refusal));
            }
        }
        usedIps.add(Ipv4.parse(ip));
        spec.put("clusterIP", ip);
        spec.putArray("clusterIPs").add(ip);
    }

    /**
     * Reserves each port's requested nodePort that {@code owned} (the Service's own before an
     * update) does not already hold, and allocates one for every port without when {@code allocate}.
     */
    void nodePorts(ObjectNode spec, Set<Integer> owned, boolean allocate, NodePortRange range) {
        Set<Integer> mine = new HashSet<>(owned);
        List<ObjectNode> unset = new ArrayList<>();
        int i = 0;
        for (JsonNode p : Json.arrayAt(spec, "ports")) {
            int port = p.path("nodePort").asInt(0);
            if (port == 0) {
                if (p.isObject()) {
                    unset.add((ObjectNode) p);
                }
            } else if (!mine.contains(port)) {
                String refusal = range.refusal(port, usedPorts);
                if (refusal != null) {
                    throw invalid(FieldError.invalid("spec.ports[" + i + "].nodePort", Integer.toString(port), refusal));
                }
                usedPorts.add(port);
                mine.add(port);
            }
            i++;
        }
        if (!allocate) {
            return;
        }
        for (ObjectNode p : unset) {
            int port = range.next(usedPorts, random);
            if (port < 0) {
                throw Errors.internalError("failed to allocate a nodePort: range is full");
            }
            usedPorts.add(port);
            p.put("nodePort", port);
        }
    }

    /** Reserves the requested health-check node port, or allocates one. */
    void healthCheckNodePort(ObjectNode spec, NodePortRange range) {
        int port = spec.path("healthCheckNodePort").asInt(0);
        if (port != 0) {
            String refusal = range.refusal(port, usedPorts);
            if (refusal != null) {
                throw Errors.internalError("failed to allocate requested HealthCheck NodePort " + port + ": " + refusal);
            }
        } else {
            port = range.next(usedPorts, random);
            if (port < 0) {
                throw Errors.internalError("failed to allocate a HealthCheck NodePort 0: range is full");
            }
            spec.put("healthCheckNodePort", port);
        }
        usedPorts.add(port);
    }

    private ApiException invalid(FieldError error) {
        return Errors.invalid(kind, name, List.of(error));
    }
}
