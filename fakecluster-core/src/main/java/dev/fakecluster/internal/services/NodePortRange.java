package dev.fakecluster.internal.services;

import java.util.Random;
import java.util.Set;

/**
 * The NodePort range as kube-apiserver's port allocator sees it (portallocator.PortAllocator):
 * {@code --service-node-port-range}, the lowest {@code min(max(16, size/32), 128)} ports kept for
 * Services that ask for a specific port (30000–30085 for the default range).
 */
final class NodePortRange {

    private final int min;
    private final int size;
    private final int offset;

    NodePortRange(int min, int max) {
        this.min = min;
        this.size = max - min + 1;
        this.offset = size <= 16 ? 0 : Math.min(Math.max(16, size / 32), 128);
    }

    /** Why {@code port} cannot be taken (the allocator's error text), or null when it can. */
    String refusal(int port, Set<Integer> used) {
        if (port < min || port >= min + size) {
            return "provided port is not in the valid range. The range of valid ports is " + min + "-" + (min + size - 1);
        }
        return used.contains(port) ? "provided port is already allocated" : null;
    }

    /** A free port chosen the upstream way, or -1 when the range is full. */
    int next(Set<Integer> used, Random random) {
        int slot = RandomScan.pick(size, offset, i -> used.contains(min + i), random);
        return slot < 0 ? -1 : min + slot;
    }
}
