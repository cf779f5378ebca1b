package dev.fakecluster.internal.kubelet;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which simulated kubelets are up. A live kubelet heartbeats continuously (the fake does not write
 * Lease renewals: the node lifecycle controller asks here instead); a killed one stopped at a known
 * instant and does nothing until restored.
 */
public final class NodeAgents {

    /** Nodes whose kubelet is down, with the instant of their last heartbeat. */
    private final Map<String, Instant> down = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** Runs {@code listener} (on the caller's thread) whenever a kubelet stops or comes back. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    public void kill(String node, Instant at) {
        if (down.putIfAbsent(node, at) == null) {
            listeners.forEach(Runnable::run);
        }
    }

    public void restore(String node) {
        if (down.remove(node) != null) {
            listeners.forEach(Runnable::run);
        }
    }

    /** Whether any kubelet is down. */
    public boolean anyDown() {
        return !down.isEmpty();
    }

    public boolean isAlive(String node) {
        return !down.containsKey(node);
    }

    /** The last heartbeat of a dead node's kubelet; {@code now} for a live one. */
    public Instant lastHeartbeat(String node, Instant now) {
        return down.getOrDefault(node, now);
    }
}
