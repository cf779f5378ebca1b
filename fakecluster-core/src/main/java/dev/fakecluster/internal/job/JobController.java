package dev.fakecluster.internal.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.events.EventRecorder;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.runtime.QueueController;
import dev.fakecluster.internal.select.LabelSelector;
import dev.fakecluster.internal.store.Change;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.workload.Owners;
import dev.fakecluster.internal.workload.PodControl;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Job controller (pkg/controller/job): runs a Job's pods to the wanted number of completions,
 * replaces failed pods after an exponential back-off, fails the Job at its backoff limit or active
 * deadline, suspends and resumes it, and tracks every pod with the
 * {@code batch.kubernetes.io/job-tracking} finalizer until it is counted. One {@link JobSync} does
 * the work of each sync.
 *
 * <p>Queue keys are Jobs, plus pods whose finalizer must go because their Job is gone or finished
 * (upstream's orphan queue). As upstream, a created Job or a spec change syncs at once, while pod
 * events and status updates sync the Job one second later, batched.
 */
public final class JobController extends QueueController {

    /** syncJobBatchPeriod; also the shortest back-off requeue. */
    static final Duration SYNC_BATCH = Duration.ofSeconds(1);

    private final ApiServer api;
    private final JobClient client;
    private final KindInfo jobKind;
    /** The pod-failure back-off per Job key; kept in memory, as upstream's backoffStore. */
    private final Map<String, Backoff> backoffs = new HashMap<>();

    /** A Job controller writing through {@code api}, creating and deleting pods with {@code pods}. */
    public JobController(ApiServer api, VirtualClock clock, EventRecorder events, PodControl pods) {
        super(clock);
        this.api = api;
        this.jobKind = api.resolveKind("jobs.batch");
        this.client = new JobClient(api, pods, events, jobKind);
    }

    // ---- queueing (the informer handlers) --------------------------------------------------

    @Override
    protected void keysFor(Change change, Consumer<String> enqueue) {
        String resource = change.object().resource();
        if (resource.equals(jobKind.resource())) {
            jobChanged(change, enqueue);
        } else if (resource.equals("pods")) {
            podChanged(change, enqueue);
        }
    }

    private void jobChanged(Change change, Consumer<String> enqueue) {
        StoredObject job = change.object();
        StoredObject old = change.previous();
        if (change.type() == Change.Type.MODIFIED && generation(old) == generation(job)) {
            batched(job.key());
        } else {
            enqueue.accept(job.key());
        }
        if (change.type() == Change.Type.DELETED || JobConditions.isFinished(job.json())) {
            cleanupPodFinalizers(job, enqueue);
        }
        if (change.type() == Change.Type.MODIFIED) {
            requeueForChangedDeadline(old, job);
        }
    }

    /** A new or changed activeDeadlineSeconds on a started Job: sync when it runs out. */
    private void requeueForChangedDeadline(StoredObject old, StoredObject job) {
        JsonNode deadline = job.json().path("spec").path("activeDeadlineSeconds");
        String start = Json.text(job.json(), "status", "startTime");
        if (start != null && deadline.isNumber()
                && !deadline.equals(old.json().path("spec").path("activeDeadlineSeconds"))) {
            requeueAt(Instant.parse(start).plusSeconds(deadline.asLong()), job.key());
        }
    }

    private void podChanged(Change change, Consumer<String> enqueue) {
        StoredObject pod = change.object();
        if (change.type() == Change.Type.DELETED || pod.isDeleting()) {
            podGoing(pod, enqueue);
            return;
        }
        StoredObject old = change.previous();
        String oldRef = old == null ? null : Owners.controllerUid(old.json());
        String ref = Owners.controllerUid(pod.json());
        if (oldRef != null && !oldRef.equals(ref)) {
            StoredObject oldJob = job(oldRef);
            if (oldJob != null) {
                batched(oldJob.key());
            }
        }
        if (ref != null) {
            StoredObject job = job(ref);
            if (job != null) {
                batched(job.key());
            }
            return;
        }
        if (JobPods.hasTrackingFinalizer(pod)) {
            enqueue.accept(pod.key());
        }
        if (old == null || oldRef != null || !old.labels().equals(pod.labels())) {
            for (StoredObject job : api.state().list(jobKind.resource(), pod.namespace())) {
                if (selector(job).matches(pod.labels())) {
                    batched(job.key());
                }
            }
        }
    }

    /** A pod being deleted or gone: its Job syncs, or, when that Job is gone or finished, the pod loses its finalizer. */
    private void podGoing(StoredObject pod, Consumer<String> enqueue) {
        String ref = Owners.controllerUid(pod.json());
        StoredObject job = ref == null ? null : job(ref);
        if (job == null || JobConditions.isFinished(job.json())) {
            if (JobPods.hasTrackingFinalizer(pod)) {
                enqueue.accept(pod.key());
            }
            return;
        }
        batched(job.key());
    }

    /** Queues the Job's pods that still hold the tracking finalizer (the Job is gone or finished). */
    private void cleanupPodFinalizers(StoredObject job, Consumer<String> enqueue) {
        for (StoredObject pod : api.state().dependents(job.uid())) {
            if (pod.resource().equals("pods") && job.uid().equals(Owners.controllerUid(pod.json()))
                    && JobPods.hasTrackingFinalizer(pod)) {
                enqueue.accept(pod.key());
            }
        }
    }

    @Override
    protected void allKeys(ClusterState state, Consumer<String> enqueue) {
        state.list(jobKind.resource(), null).forEach(j -> enqueue.accept(j.key()));
        state.list("pods", null).stream().filter(JobPods::hasTrackingFinalizer).forEach(p -> enqueue.accept(p.key()));
    }

    private void batched(String key) {
        requeueAt(now().plus(SYNC_BATCH), key);
    }

    // ---- syncing -------------------------------------------------------------------------------

    @Override
    protected void sync(String key) {
        if (key.startsWith(StoredObject.prefix("pods", null))) {
            syncOrphanPod(key);
            return;
        }
        StoredObject job = api.state().get(key);
        if (job == null || JobConditions.isFinished(job.json())) {
            backoffs.remove(key);
            return;
        }
        JobSync.Result result = new JobSync(client, now(), job, claimPods(job),
                backoffs.getOrDefault(key, Backoff.NONE)).run();
        backoffs.put(key, result.backoff());
        if (result.wakeAt() != null) {
            requeueAt(result.wakeAt(), key);
        }
    }

    /** Removes the tracking finalizer from a pod whose Job is gone or finished (syncOrphanPod). */
    private void syncOrphanPod(String key) {
        StoredObject pod = api.state().get(key);
        if (pod == null) {
            return;
        }
        JsonNode ref = controllerRef(pod);
        if (ref != null) {
            if (!"Job".equals(ref.path("kind").asText()) || !"batch/v1".equals(ref.path("apiVersion").asText())) {
                return;
            }
            StoredObject job = job(ref.path("uid").asText());
            if (job != null && !JobConditions.isFinished(job.json())) {
                return;
            }
        }
        client.removeFinalizer(pod);
    }

    /**
     * The pods this Job controls (getPodsForJob): its own pods that still match its selector,
     * releasing those that do not, and matching orphans, adopted with the tracking finalizer.
     */
    private List<StoredObject> claimPods(StoredObject job) {
        LabelSelector selector = selector(job);
        KindInfo podKind = client.pods().podKind();
        List<StoredObject> claimed = new ArrayList<>();
        for (StoredObject pod : api.state().list("pods", job.namespace())) {
            String owner = Owners.controllerUid(pod.json());
            if (owner != null) {
                if (!owner.equals(job.uid())) {
                    continue;
                }
                if (selector.matches(pod.labels())) {
                    claimed.add(pod);
                } else if (!job.isDeleting()) {
                    api.mutate(podKind, pod.namespace(), pod.name(), p -> {
                        Owners.release(p, job.uid());
                        JobPods.dropTrackingFinalizer(p);
                        return p;
                    });
                }
            } else if (!job.isDeleting() && !pod.isDeleting() && selector.matches(pod.labels())) {
                StoredObject adopted = api.mutate(podKind, pod.namespace(), pod.name(), p -> {
                    if (Owners.controllerUid(p) != null) {
                        return null;
                    }
                    Owners.adopt(p, Owners.controllerRef(job));
                    JobPods.addTrackingFinalizer(p);
                    return p;
                });
                if (adopted != null && job.uid().equals(Owners.controllerUid(adopted.json()))) {
                    claimed.add(adopted);
                }
            }
        }
        return claimed;
    }

    // ---- lookups -------------------------------------------------------------------------------

    /** The Job with this uid, or null when there is none (resolveControllerRef). */
    private StoredObject job(String uid) {
        StoredObject o = api.state().byUid(uid);
        return o != null && o.resource().equals(jobKind.resource()) ? o : null;
    }

    private static JsonNode controllerRef(StoredObject pod) {
        for (JsonNode ref : pod.json().path("metadata").path("ownerReferences")) {
            if (ref.path("controller").asBoolean(false)) {
                return ref;
            }
        }
        return null;
    }

    private static LabelSelector selector(StoredObject job) {
        return LabelSelector.fromObject(job.json().path("spec").path("selector"));
    }

    private static long generation(StoredObject o) {
        return o.json().path("metadata").path("generation").asLong(0);
    }
}
