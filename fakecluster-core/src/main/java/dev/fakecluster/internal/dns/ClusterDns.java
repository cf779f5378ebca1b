package dev.fakecluster.internal.dns;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.Dns;
import dev.fakecluster.internal.endpoints.SliceEndpoints;
import dev.fakecluster.internal.endpoints.SliceEndpoints.Backend;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.net.Ipv4;
import dev.fakecluster.internal.services.ServiceSpecs;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Cluster DNS as CoreDNS's kubernetes plugin answers it for kubeadm's Corefile (zone
 * {@code cluster.local}, {@code pods insecure}), asked from a pod whose resolv.conf has
 * {@code search <ns>.svc.cluster.local svc.cluster.local cluster.local} and {@code ndots:5}.
 *
 * <ul>
 *   <li>{@code <svc>.<ns>.svc.cluster.local}: the ClusterIP; a headless Service's ready endpoint
 *       addresses; an ExternalName's CNAME.</li>
 *   <li>{@code <hostname>.<svc>.<ns>.svc.cluster.local}: a headless Service's endpoint with that
 *       hostname (a StatefulSet's {@code web-0}) or that dashed address.</li>
 *   <li>{@code <a-b-c-d>.<ns>.pod.cluster.local}: the address a.b.c.d.</li>
 * </ul>
 * Nothing else exists (no upstream resolver): NXDOMAIN.
 */
public final class ClusterDns {

    public static final String DOMAIN = "cluster.local";
    private static final int NDOTS = 5;

    private ClusterDns() {
    }

    /** Resolves {@code name} through the search path of a pod in {@code fromNamespace}; empty for NXDOMAIN. */
    public static Optional<Dns.Answer> lookup(ClusterState state, String name, String fromNamespace) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            return absolute(state, n.substring(0, n.length() - 1), 0);
        }
        List<String> candidates = new ArrayList<>();
        for (String suffix : List.of(fromNamespace + ".svc." + DOMAIN, "svc." + DOMAIN, DOMAIN)) {
            candidates.add(n + "." + suffix);
        }
        if (n.chars().filter(c -> c == '.').count() >= NDOTS) {
            candidates.add(0, n);
        } else {
            candidates.add(n);
        }
        for (String candidate : candidates) {
            Optional<Dns.Answer> answer = absolute(state, candidate, 0);
            if (answer.isPresent()) {
                return answer;
            }
        }
        return Optional.empty();
    }

    /** A fully qualified name (without the final dot); {@code depth} guards against CNAME loops. */
    private static Optional<Dns.Answer> absolute(ClusterState state, String fqdn, int depth) {
        if (!fqdn.endsWith("." + DOMAIN) || depth > 8) {
            return Optional.empty();
        }
        String[] labels = fqdn.substring(0, fqdn.length() - DOMAIN.length() - 1).split("\\.", -1);
        if (labels.length == 3 && labels[2].equals("svc")) {
            return service(state, fqdn, labels[0], labels[1], depth);
        }
        if (labels.length == 4 && labels[3].equals("svc")) {
            return endpoint(state, fqdn, labels[0], labels[1], labels[2]);
        }
        if (labels.length == 3 && labels[2].equals("pod")) {
            String ip = labels[0].replace('-', '.');
            return Ipv4.isAddress(ip) ? Optional.of(new Dns.Answer(fqdn, null, List.of(ip))) : Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<Dns.Answer> service(ClusterState state, String fqdn, String name, String namespace, int depth) {
        StoredObject svc = state.get(StoredObject.key("services", namespace, name));
        if (svc == null) {
            return Optional.empty();
        }
        JsonNode spec = svc.json().path("spec");
        if (ServiceSpecs.type(spec).equals("ExternalName")) {
            String target = spec.path("externalName").asText().toLowerCase(Locale.ROOT);
            target = target.endsWith(".") ? target.substring(0, target.length() - 1) : target;
            List<String> addresses = absolute(state, target, depth + 1).map(Dns.Answer::addresses).orElse(List.of());
            return Optional.of(new Dns.Answer(fqdn, target, addresses));
        }
        if (ServiceSpecs.isHeadless(spec)) {
            List<String> addresses = new ArrayList<>();
            for (Backend b : SliceEndpoints.of(state, namespace, name)) {
                if (b.ready()) {
                    addresses.add(b.ip());
                }
            }
            return Optional.of(new Dns.Answer(fqdn, null, addresses));
        }
        String ip = Json.text(spec, "clusterIP");
        return Optional.of(new Dns.Answer(fqdn, null, ip == null ? List.of() : List.of(ip)));
    }

    private static Optional<Dns.Answer> endpoint(ClusterState state, String fqdn, String host, String name, String namespace) {
        StoredObject svc = state.get(StoredObject.key("services", namespace, name));
        if (svc == null || !ServiceSpecs.isHeadless(svc.json().path("spec"))) {
            return Optional.empty();
        }
        for (Backend b : SliceEndpoints.of(state, namespace, name)) {
            if (b.ready() && (host.equals(b.hostname()) || host.equals(b.ip().replace('.', '-')))) {
                return Optional.of(new Dns.Answer(fqdn, null, List.of(b.ip())));
            }
        }
        return Optional.empty();
    }
}
