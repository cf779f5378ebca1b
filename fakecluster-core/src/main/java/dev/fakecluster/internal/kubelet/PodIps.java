package dev.fakecluster.internal.kubelet;

import java.util.BitSet;

/** Pod IP allocation within a node's /24 pod CIDR: the next free host address after the last handed out, wrapping. */
final class PodIps {

    private final String prefix;
    private final BitSet used = new BitSet(256);
    private int last;

    PodIps(String cidr) {
        String network = cidr == null ? "10.244.0.0" : cidr.substring(0, cidr.indexOf('/'));
        this.prefix = network.substring(0, network.lastIndexOf('.') + 1);
    }

    String allocate() {
        for (int i = 1; i <= 254; i++) {
            int host = (last + i - 1) % 254 + 1;
            if (!used.get(host)) {
                used.set(host);
                last = host;
                return prefix + host;
            }
        }
        throw new IllegalStateException("no free pod IP in " + prefix + "0/24");
    }

    void release(String ip) {
        if (ip.startsWith(prefix)) {
            used.clear(Integer.parseInt(ip.substring(prefix.length())));
        }
    }
}
