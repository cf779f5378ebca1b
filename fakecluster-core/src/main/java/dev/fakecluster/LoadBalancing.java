package dev.fakecluster;

/**
 * How traffic to a Service picks among its ready endpoints ({@link ClusterBuilder#loadBalancing}).
 *
 * @since 0.1
 */
public enum LoadBalancing {
    /** kube-proxy's iptables mode: a uniformly random endpoint per connection, from the cluster's seeded source. */
    RANDOM,
    /** IPVS's default {@code rr}: each endpoint in turn (by address order), for exactly even spreads. */
    ROUND_ROBIN
}
