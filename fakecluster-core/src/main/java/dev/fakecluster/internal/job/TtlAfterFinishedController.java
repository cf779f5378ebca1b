package dev.fakecluster.internal.job;

import dev.fakecluster.ApiException;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.apiserver.DeleteOptions;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.kinds.KindInfo.Propagation;
import dev.fakecluster.internal.runtime.QueueController;
import dev.fakecluster.internal.store.Change;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The TTL-after-finished controller (pkg/controller/ttlafterfinished): deletes a finished Job
 * once {@code spec.ttlSecondsAfterFinished} has passed since it finished (the transition time of
 * its Complete or Failed condition), cascading to its pods, and sleeps until that instant otherwise.
 */
public final class TtlAfterFinishedController extends QueueController {

    private final ApiServer api;
    private final KindInfo jobKind;

    /** A TTL controller deleting Jobs through {@code api}. */
    public TtlAfterFinishedController(ApiServer api, VirtualClock clock) {
        super(clock);
        this.api = api;
        this.jobKind = api.resolveKind("jobs.batch");
    }

    @Override
    protected void keysFor(Change change, Consumer<String> enqueue) {
        StoredObject o = change.object();
        if (change.type() != Change.Type.DELETED && o.resource().equals(jobKind.resource()) && expiresAt(o) != null) {
            enqueue.accept(o.key());
        }
    }

    @Override
    protected void allKeys(ClusterState state, Consumer<String> enqueue) {
        state.list(jobKind.resource(), null).stream().filter(j -> expiresAt(j) != null)
                .forEach(j -> enqueue.accept(j.key()));
    }

    @Override
    protected void sync(String key) {
        StoredObject job = api.state().get(key);
        Instant expiry = job == null ? null : expiresAt(job);
        if (expiry == null) {
            return;
        }
        if (expiry.isAfter(now())) {
            requeueAt(expiry, key);
            return;
        }
        // Upstream deletes in the foreground, guarded by the uid: the Job goes once its pods have.
        try {
            api.delete(jobKind, job.namespace(), job.name(),
                    new DeleteOptions(null, Propagation.FOREGROUND, job.uid(), null, false));
        } catch (ApiException e) {
            if (!"NotFound".equals(e.reason()) && !"Conflict".equals(e.reason())) {
                throw e;
            }
        }
    }

    /** When a finished Job with a TTL that is not already being deleted is due for deletion; otherwise null. */
    private static Instant expiresAt(StoredObject job) {
        var ttl = job.json().path("spec").path("ttlSecondsAfterFinished");
        Instant finished = JobConditions.finishedAt(job.json());
        if (job.isDeleting() || !ttl.isNumber() || finished == null) {
            return null;
        }
        return finished.plusSeconds(ttl.asLong());
    }
}
