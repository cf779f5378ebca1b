package dev.fakecluster.internal.services;

import dev.fakecluster.internal.net.Cidr;
import dev.fakecluster.internal.net.Ipv4;
import java.util.Random;
import java.util.Set;

/**
 * The service CIDR as kube-apiserver's bitmap allocator sees it (ipallocator.Range): the network
 * and broadcast addresses excluded, the lowest {@code min(max(16, size/16), 256)} addresses kept
 * for Services that ask for a specific IP (10.1.0.1–10.1.1.0 for a /16).
 */
final class ClusterIpRange {

    private final Cidr cidr;
    private final long base;
    private final int max;
    private final int offset;

    ClusterIpRange(Cidr cidr) {
        this.cidr = cidr;
        this.base = cidr.network() + 1;
        this.max = (int) Math.max(0, cidr.size() - 2);
        long size = cidr.size();
        this.offset = size <= 16 ? 0 : (int) Math.min(Math.max(16, size / 16), 256);
    }

    /** Why {@code ip} cannot be taken (the allocator's error text), or null when it can. */
    String refusal(String ip, Set<Long> used) {
        long address = Ipv4.parse(ip);
        if (address < base || address >= base + max) {
            return "the provided IP (" + ip + ") is not in the valid range. The range of valid IPs is " + cidr;
        }
        return used.contains(address) ? "provided IP is already allocated" : null;
    }

    /** A free address chosen the upstream way, or null when the range is full. */
    String next(Set<Long> used, Random random) {
        int slot = RandomScan.pick(max, offset, i -> used.contains(base + i), random);
        return slot < 0 ? null : Ipv4.format(base + slot);
    }
}
