package dev.fakecluster.internal.sockets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.events.EventRecorder;
import dev.fakecluster.internal.proxy.ServiceProxy;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The node ports of every Service, opened as real listeners on 127.0.0.1 — what kube-proxy's
 * port reservations become when the cluster lives on one machine. {@link #sync} follows the
 * Services: new node ports are opened, released ones closed. A port that cannot be bound gets one
 * Warning event on its Service. Syncs and the close take turns behind a lock: they open and close
 * sockets, far from the state store's lock-free path, and may be called from the thread delivering
 * watch events and from the user's at once.
 */
public final class NodePortListeners implements AutoCloseable {

    private final ServiceProxy proxy;
    private final EventRecorder events;
    private final Map<Integer, Listener> open = new ConcurrentHashMap<>();
    private final Set<Integer> failed = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ReentrantLock turn = new ReentrantLock();

    public NodePortListeners(ServiceProxy proxy, EventRecorder events) {
        this.proxy = proxy;
        this.events = events;
    }

    /**
     * Opens the node ports {@code state} has and this has not, closes those it no longer has.
     *
     * @return the ports that could not be opened, each with the reason
     */
    public Map<Integer, String> sync(ClusterState state) {
        turn.lock();
        try {
            return syncInTurn(state);
        } finally {
            turn.unlock();
        }
    }

    private Map<Integer, String> syncInTurn(ClusterState state) {
        Map<Integer, StoredObject> wanted = nodePorts(state);
        open.keySet().removeIf(port -> {
            if (wanted.containsKey(port) && !closed.get()) {
                return false;
            }
            open.get(port).close();
            return true;
        });
        failed.retainAll(wanted.keySet());
        Map<Integer, String> errors = new TreeMap<>();
        if (closed.get()) {
            return errors;
        }
        wanted.forEach((port, service) -> {
            if (open.containsKey(port)) {
                return;
            }
            try {
                open.put(port, Listener.open(port, (method, target, headers, body) ->
                        proxy.viaNodePort(port, method, target, headers, body)));
                failed.remove(port);
            } catch (UncheckedIOException e) {
                errors.put(port, e.getMessage());
                if (failed.add(port)) {
                    events.warning(service, "kube-proxy", "FailedToExposeNodePort",
                            "cannot open node port " + port + " on this machine: " + e.getMessage());
                }
            }
        });
        return errors;
    }

    /** The node ports listened on now. */
    public Set<Integer> ports() {
        return Set.copyOf(open.keySet());
    }

    private static Map<Integer, StoredObject> nodePorts(ClusterState state) {
        Map<Integer, StoredObject> out = new TreeMap<>();
        for (StoredObject svc : state.list("services", null)) {
            for (JsonNode p : svc.json().path("spec").path("ports")) {
                if (p.path("nodePort").asInt(0) > 0 && "TCP".equals(p.path("protocol").asText("TCP"))) {
                    out.put(p.path("nodePort").asInt(), svc);
                }
            }
        }
        return out;
    }

    /** Closes every listener; idempotent. */
    @Override
    public void close() {
        turn.lock();
        try {
            if (closed.compareAndSet(false, true)) {
                open.values().forEach(Listener::close);
                open.clear();
            }
        } finally {
            turn.unlock();
        }
    }
}
