package dev.fakecluster.internal.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * A host port a container binds ({@code ports[].hostPort}), with the defaults the scheduler applies:
 * host IP {@code 0.0.0.0} (all addresses) and protocol {@code TCP}.
 *
 * @param ip the host IP
 * @param protocol TCP, UDP or SCTP
 * @param port the host port, &gt; 0
 */
record HostPort(String ip, String protocol, int port) {

    private static final String ALL_ADDRESSES = "0.0.0.0";

    /** The host ports of the pod's (app) containers. */
    static List<HostPort> of(JsonNode pod) {
        List<HostPort> ports = new ArrayList<>(0);
        for (JsonNode container : Json.arrayAt(pod, "spec", "containers")) {
            for (JsonNode p : Json.arrayAt(container, "ports")) {
                int port = p.path("hostPort").asInt();
                if (port > 0) {
                    ports.add(new HostPort(orDefault(Json.text(p, "hostIP"), ALL_ADDRESSES),
                            orDefault(Json.text(p, "protocol"), "TCP"), port));
                }
            }
        }
        return ports;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    /** Whether both bind the same protocol and port on a common address (0.0.0.0 overlaps every address). */
    boolean conflicts(HostPort other) {
        return port == other.port && protocol.equals(other.protocol)
                && (ip.equals(other.ip) || ip.equals(ALL_ADDRESSES) || other.ip.equals(ALL_ADDRESSES));
    }
}
