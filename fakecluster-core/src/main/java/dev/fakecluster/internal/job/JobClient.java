package dev.fakecluster.internal.job;

import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.events.EventRecorder;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.workload.PodControl;
import java.util.List;

/**
 * How the Job controller talks to the cluster: the API server, pod creation and deletion with
 * their events, and its own events, all as {@code job-controller}.
 *
 * @param api the API server
 * @param pods creates and deletes pods with SuccessfulCreate / SuccessfulDelete events
 * @param events records the Job's own events
 * @param jobKind batch/v1 Job
 */
record JobClient(ApiServer api, PodControl pods, EventRecorder events, KindInfo jobKind) {

    static final String COMPONENT = "job-controller";

    /** Replaces the Job's status (UpdateStatus); returns the Job as written, or null when it is gone. */
    StoredObject writeStatus(StoredObject job, JobStatus status) {
        return api.mutate(jobKind, job.namespace(), job.name(), o -> {
            o.set("status", status.toJson());
            return o;
        });
    }

    void normal(StoredObject job, String reason, String message) {
        events.normal(job, COMPONENT, reason, message);
    }

    void warning(StoredObject job, String reason, String message) {
        events.warning(job, COMPONENT, reason, message);
    }

    /**
     * Creates one pod per entry of {@code indexes} (-1: no completion index) in slow-start batches
     * of 1, 2, 4...; a batch with a refused pod (FailedCreate) stops the rest. Returns how many were created.
     */
    int createPods(StoredObject job, List<Integer> indexes) {
        int created = 0;
        int next = 0;
        for (int batch = 1; next < indexes.size(); batch *= 2) {
            int refused = 0;
            for (int end = Math.min(next + batch, indexes.size()); next < end; next++) {
                if (pods.create(job, JobPods.newPod(job, indexes.get(next)), COMPONENT) == null) {
                    refused++;
                } else {
                    created++;
                }
            }
            if (refused > 0) {
                break;
            }
        }
        return created;
    }

    /** Deletes a pod gracefully, keeping its finalizer (deleteActivePods). */
    void delete(StoredObject job, StoredObject pod) {
        pods.delete(job, pod, COMPONENT);
    }

    /** Removes the pod's tracking finalizer, then deletes it (deleteJobPods). */
    void removeFinalizerAndDelete(StoredObject job, StoredObject pod) {
        JobPods.removeTrackingFinalizer(api, pods.podKind(), pod);
        pods.delete(job, pod, COMPONENT);
    }

    void removeFinalizer(StoredObject pod) {
        JobPods.removeTrackingFinalizer(api, pods.podKind(), pod);
    }
}
