package dev.fakecluster.internal.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.events.EventRecorder;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.runtime.QueueController;
import dev.fakecluster.internal.select.LabelSelector;
import dev.fakecluster.internal.store.Change;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.workload.Owners;
import dev.fakecluster.internal.workload.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The StatefulSet controller (pkg/controller/statefulset): pods with stable names
 * {@code <set>-<ordinal>}, hostnames and claims, created, deleted and updated in ordinal order
 * ({@link StatefulSetControl}), revisions kept as ControllerRevisions ({@link History}). A sync
 * that fails is retried after 5 ms, doubling per failure up to 1000 s, as the workqueue's
 * rate limiter does; with {@code minReadySeconds} the set is synced again when pods become available.
 */
public final class StatefulSetController extends QueueController {

    static final String COMPONENT = "statefulset-controller";
    private static final Duration BASE_DELAY = Duration.ofMillis(5);
    private static final Duration MAX_DELAY = Duration.ofSeconds(1000);

    private final ApiServer api;
    private final KindInfo setKind;
    private final KindInfo podKind;
    private final History history;
    private final StatefulSetControl control;
    /** Consecutive failed syncs per key, for the back-off. */
    private final Map<String, Integer> failures = new HashMap<>();

    /** A controller writing through {@code api}, timing on {@code clock}, recording on {@code events}. */
    public StatefulSetController(ApiServer api, VirtualClock clock, EventRecorder events) {
        super(clock);
        this.api = api;
        this.setKind = api.resolveKind("statefulsets.apps");
        this.podKind = api.resolveKind("pods");
        this.history = new History(api);
        this.control = new StatefulSetControl(api, clock, new StatefulPodControl(api, events), history);
    }

    @Override
    protected void keysFor(Change change, Consumer<String> enqueue) {
        StoredObject o = change.object();
        if (o.resource().equals(setKind.resource())) {
            enqueue.accept(o.key());
        } else if (o.resource().equals(podKind.resource())) {
            podChanged(change, enqueue);
        }
    }

    /**
     * A pod queues its controlling set (and the one it left); an orphan that appears or changes
     * queues every set selecting it.
     */
    private void podChanged(Change change, Consumer<String> enqueue) {
        StoredObject pod = change.object();
        StoredObject old = change.previous();
        String owner = Owners.controllerUid(pod.json());
        String oldOwner = old == null ? null : Owners.controllerUid(old.json());
        if (oldOwner != null && !oldOwner.equals(owner)) {
            queueSet(oldOwner, enqueue);
        }
        if (owner != null) {
            queueSet(owner, enqueue);
            return;
        }
        boolean orphanChanged = switch (change.type()) {
            case ADDED -> !pod.isDeleting();
            case MODIFIED -> oldOwner != null || !pod.labels().equals(old.labels());
            case DELETED -> false;
        };
        if (!orphanChanged) {
            return;
        }
        for (StoredObject set : api.state().list(setKind.resource(), pod.namespace())) {
            LabelSelector selector = selector(set);
            if (!selector.isEverything() && selector.matches(pod.labels())) {
                enqueue.accept(set.key());
            }
        }
    }

    private void queueSet(String uid, Consumer<String> enqueue) {
        StoredObject set = api.state().byUid(uid);
        if (set != null && set.resource().equals(setKind.resource())) {
            enqueue.accept(set.key());
        }
    }

    @Override
    protected void allKeys(ClusterState state, Consumer<String> enqueue) {
        state.list(setKind.resource(), null).forEach(set -> enqueue.accept(set.key()));
    }

    @Override
    protected void sync(String key) {
        StoredObject set = api.state().get(key);
        if (set == null) {
            failures.remove(key);
            return;
        }
        LabelSelector selector = selector(set);
        try {
            history.adoptOrphans(set, selector);
            List<StoredObject> pods = claimPods(set, selector);
            SetStatus status = control.update(set, selector, pods);
            failures.remove(key);
            requeueForAvailability(set, status, pods);
        } catch (SyncError e) {
            int failed = failures.merge(key, 1, Integer::sum);
            requeueAt(now().plus(backoff(failed)), key);
        }
    }

    /**
     * The set's pods (ClaimPods): those it controls that still match its selector and name, plus
     * matching orphans it adopts; controlled pods that no longer match are released. A set being
     * deleted neither adopts nor releases.
     */
    private List<StoredObject> claimPods(StoredObject set, LabelSelector selector) {
        List<StoredObject> claimed = new ArrayList<>();
        for (StoredObject pod : api.state().list(podKind.resource(), set.namespace())) {
            String owner = Owners.controllerUid(pod.json());
            boolean matches = selector.matches(pod.labels()) && PodIdentity.isMemberOf(set.name(), pod.name());
            if (owner != null) {
                if (!owner.equals(set.uid())) {
                    continue;
                }
                if (matches) {
                    claimed.add(pod);
                } else if (!set.isDeleting()) {
                    api.mutate(podKind, pod.namespace(), pod.name(), p -> {
                        Owners.release(p, set.uid());
                        return p;
                    });
                }
            } else if (matches && !set.isDeleting() && !pod.isDeleting()) {
                StoredObject adopted = api.mutate(podKind, pod.namespace(), pod.name(), p -> {
                    Owners.adopt(p, Owners.controllerRef(set));
                    return p;
                });
                if (adopted != null) {
                    claimed.add(adopted);
                }
            }
        }
        return claimed;
    }

    /**
     * With {@code minReadySeconds}: syncs again after that long while not every replica is
     * available, and a second after each ready pod has been ready that long.
     */
    private void requeueForAvailability(StoredObject set, SetStatus status, List<StoredObject> pods) {
        SetSpec spec = SetSpec.of(set);
        if (spec.minReadySeconds() <= 0) {
            return;
        }
        if (status.availableReplicas() != spec.replicas()) {
            requeueAt(now().plusSeconds(spec.minReadySeconds()), set.key());
        }
        for (StoredObject pod : pods) {
            JsonNode p = pod.json();
            Instant readySince = Pods.readySince(p);
            if (readySince != null && !Pods.isAvailable(p, spec.minReadySeconds(), now())) {
                requeueAt(readySince.plusSeconds(spec.minReadySeconds() + 1), set.key());
            }
        }
    }

    /** The workqueue's per-item back-off: 5 ms doubled per earlier failure, at most 1000 s. */
    private static Duration backoff(int failures) {
        int doublings = Math.min(failures - 1, 30);
        Duration delay = BASE_DELAY.multipliedBy(1L << doublings);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    private static LabelSelector selector(StoredObject set) {
        return LabelSelector.fromObject(set.json().path("spec").path("selector"));
    }
}
