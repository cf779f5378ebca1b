package dev.fakecluster.internal.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * What the scheduler derives from a node and its bound pods (the aggregates of upstream's
 * {@code framework.NodeInfo}): computed once per NodeInfo, extended pod by pod.
 *
 * @param allocatable {@code status.allocatable}
 * @param allowedPods allocatable {@code pods}
 * @param requested the sum of the pods' requests
 * @param nonZeroMilliCpu the sum of the pods' non-zero cpu requests
 * @param nonZeroMemory the sum of the pods' non-zero memory requests
 * @param usedPorts the host ports the pods bind
 * @param pods the pods' demands, in order
 * @param spread the last count of pods matching the spread selectors (a cache)
 */
record NodeUsage(Resources allocatable, long allowedPods, Resources requested, long nonZeroMilliCpu,
        long nonZeroMemory, List<HostPort> usedPorts, List<PodDemand> pods, SpreadCount spread) {

    NodeUsage {
        usedPorts = List.copyOf(usedPorts);
        pods = List.copyOf(pods);
    }

    /** Reads the node's allocatable and every pod. */
    static NodeUsage of(JsonNode node, List<JsonNode> pods) {
        JsonNode allocatable = Json.at(node, "status", "allocatable");
        NodeUsage usage = new NodeUsage(Resources.of(allocatable), allowedPods(allocatable), Resources.NONE, 0, 0,
                List.of(), List.of(), new SpreadCount());
        List<PodDemand> demands = new ArrayList<>(pods.size());
        pods.forEach(p -> demands.add(PodDemand.of(p)));
        return usage.plus(demands);
    }

    /** This usage with the given pods added. */
    NodeUsage plus(List<PodDemand> added) {
        Resources req = requested;
        long cpu = nonZeroMilliCpu;
        long memory = nonZeroMemory;
        List<HostPort> ports = new ArrayList<>(usedPorts);
        List<PodDemand> all = new ArrayList<>(pods);
        for (PodDemand d : added) {
            req = req.plus(d.requests());
            cpu += d.nonZeroMilliCpu();
            memory += d.nonZeroMemory();
            ports.addAll(d.hostPorts());
            all.add(d);
        }
        return new NodeUsage(allocatable, allowedPods, req, cpu, memory, ports, all, new SpreadCount());
    }

    private static long allowedPods(JsonNode allocatable) {
        JsonNode pods = allocatable == null ? null : allocatable.get("pods");
        if (pods == null) {
            return 0;
        }
        try {
            return Quantity.value(pods.asText());
        } catch (IllegalArgumentException | ArithmeticException e) {
            return 0;
        }
    }
}
