package dev.fakecluster.internal.loadbalancer;

import dev.fakecluster.internal.net.Cidr;
import dev.fakecluster.internal.net.Ipv4;
import java.util.Set;

/**
 * The addresses load balancers get, MetalLB style: a range {@code 192.168.1.240-192.168.1.250} or a
 * CIDR {@code 192.168.1.240/28} (every address of it), handed out lowest free first.
 */
final class AddressPool {

    private final long first;
    private final long last;

    private AddressPool(long first, long last) {
        this.first = first;
        this.last = last;
    }

    /** Parses a range or a CIDR. */
    static AddressPool parse(String pool) {
        int dash = pool.indexOf('-');
        if (dash >= 0) {
            long from = Ipv4.parse(pool.substring(0, dash).trim());
            long to = Ipv4.parse(pool.substring(dash + 1).trim());
            if (from < 0 || to < from) {
                throw new IllegalArgumentException("not an address range: " + pool);
            }
            return new AddressPool(from, to);
        }
        Cidr cidr = Cidr.parse(pool.trim());
        return new AddressPool(cidr.network(), cidr.network() + cidr.size() - 1);
    }

    /** Whether {@code ip} is in the pool. */
    boolean contains(String ip) {
        long a = Ipv4.parse(ip);
        return a >= first && a <= last;
    }

    /** The lowest address not in {@code used}, or null when the pool is exhausted. */
    String next(Set<String> used) {
        for (long a = first; a <= last; a++) {
            String ip = Ipv4.format(a);
            if (!used.contains(ip)) {
                return ip;
            }
        }
        return null;
    }
}
