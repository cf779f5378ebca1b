package dev.fakecluster;

import dev.fakecluster.internal.dns.ClusterDns;
import dev.fakecluster.internal.store.ClusterState;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The cluster's DNS (CoreDNS as kubeadm configures it, domain {@code cluster.local}), asked the way
 * a pod asks it: short names go through the pod's search path, so from namespace {@code default}
 * {@code httpd-svc}, {@code httpd-svc.default}, {@code httpd-svc.default.svc} and
 * {@code httpd-svc.default.svc.cluster.local} all name the same Service.
 *
 * <ul>
 *   <li>a Service: its ClusterIP; a headless Service: the addresses of its ready endpoints;</li>
 *   <li>a pod of a headless Service by hostname: {@code web-0.nginx.default.svc.cluster.local};</li>
 *   <li>a pod by address: {@code 10-244-1-5.default.pod.cluster.local};</li>
 *   <li>an ExternalName Service: a CNAME to its {@code externalName} ({@link #lookup}).</li>
 * </ul>
 * There is no resolver beyond the cluster: any other name is NXDOMAIN, which {@link #resolve}
 * reports as an empty list and {@link #lookup} as an empty Optional.
 *
 * <pre>{@code
 * String ip = cluster.get("svc", "kube-public", "httpd2-svc").orElseThrow().field("spec.clusterIP").orElseThrow();
 * assertThat(cluster.dns().resolve("httpd2-svc.kube-public")).containsExactly(ip);
 * assertThat(cluster.dns().resolve("httd-svc")).isEmpty();          // NXDOMAIN
 * }</pre>
 *
 * @since 0.1
 */
public final class Dns {

    private final Supplier<ClusterState> state;

    Dns(Supplier<ClusterState> state) {
        this.state = state;
    }

    /** The A records of {@code name} as a pod in {@code default} resolves it; empty for NXDOMAIN. */
    public List<String> resolve(String name) {
        return resolve(name, "default");
    }

    /** The A records of {@code name} as a pod in {@code fromNamespace} resolves it; empty for NXDOMAIN. */
    public List<String> resolve(String name, String fromNamespace) {
        return lookup(name, fromNamespace).map(Answer::addresses).orElse(List.of());
    }

    /** The answer for {@code name} asked from {@code fromNamespace} (name found, CNAME, addresses); empty for NXDOMAIN. */
    public Optional<Answer> lookup(String name, String fromNamespace) {
        Objects.requireNonNull(name, "name");
        return ClusterDns.lookup(state.get(), name, fromNamespace == null ? "default" : fromNamespace);
    }

    /**
     * An answer.
     *
     * @param name the fully qualified name that matched, without the trailing dot
     * @param canonicalName the CNAME target (an ExternalName Service's {@code externalName}), or null
     * @param addresses the A records (for a CNAME: those of its target when the cluster knows it)
     */
    public record Answer(String name, String canonicalName, List<String> addresses) {
        public Answer {
            addresses = List.copyOf(addresses);
        }
    }
}
