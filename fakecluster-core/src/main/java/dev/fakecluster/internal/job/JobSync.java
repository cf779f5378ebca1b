package dev.fakecluster.internal.job;

import static dev.fakecluster.internal.job.JobConditions.COMPLETE;
import static dev.fakecluster.internal.job.JobConditions.FAILED;
import static dev.fakecluster.internal.job.JobConditions.FAILURE_TARGET;
import static dev.fakecluster.internal.job.JobConditions.SUCCESS_CRITERIA_MET;
import static dev.fakecluster.internal.job.JobConditions.SUSPENDED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.workload.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One syncJob of one Job (job_controller.go): counts the pods that finished since the last sync,
 * decides whether the Job has failed or succeeded, creates or deletes pods (manageJob), then
 * records the counts and releases the pods' tracking finalizers
 * (trackJobStatusAndRemoveFinalizers). A finished pod is first listed in
 * {@code status.uncountedTerminatedPods}, its finalizer removed, then moved into
 * {@code succeeded}/{@code failed}, so no pod is lost or counted twice. A sync that decides the
 * Job is done writes the interim FailureTarget / SuccessCriteriaMet condition; Failed / Complete
 * follows once no pod is terminating or uncounted.
 */
final class JobSync {

    /** MaxPodCreateDeletePerSync and MaxUncountedPods. */
    static final int MAX_PER_SYNC = 500;

    /**
     * What a sync leaves for the next one.
     *
     * @param wakeAt when the Job must be synced again (active deadline, pod-failure back-off), or null
     * @param backoff the back-off record to keep
     */
    record Result(Instant wakeAt, Backoff backoff) {
    }

    /** The condition the sync has decided on (finishedCondition). */
    private record Verdict(String type, String reason, String message) {
        boolean isSuccess() {
            return type.equals(SUCCESS_CRITERIA_MET) || type.equals(COMPLETE);
        }
    }

    private final JobClient client;
    private final Instant now;
    private final StoredObject job;
    private final JobSpec spec;
    private final JobStatus status;
    private final List<StoredObject> pods;
    private final List<StoredObject> activePods;
    /** status.uncountedTerminatedPods as the sync found it. */
    private final Set<String> uncountedSucceeded;
    private final Set<String> uncountedFailed;
    private Backoff backoff;
    private Backoff newBackoff;
    private int ready;
    private int terminating;
    private int succeeded;
    private int failed;
    private Verdict finished;
    private IndexIntervals prevSucceededIndexes = IndexIntervals.EMPTY;
    private IndexIntervals succeededIndexes = IndexIntervals.EMPTY;
    private Instant wakeAt;

    JobSync(JobClient client, Instant now, StoredObject job, List<StoredObject> pods, Backoff backoff) {
        this.client = client;
        this.now = now;
        this.job = job;
        this.spec = JobSpec.of(job.json());
        this.status = JobStatus.of(job.json());
        this.pods = pods;
        this.activePods = pods.stream().filter(p -> Pods.isActive(p.json())).toList();
        this.uncountedSucceeded = Set.copyOf(status.uncountedSucceeded);
        this.uncountedFailed = Set.copyOf(status.uncountedFailed);
        this.backoff = backoff;
        this.ready = (int) activePods.stream().filter(p -> Pods.isReady(p.json())).count();
        this.terminating = (int) pods.stream().filter(JobPods::isTerminating).count();
    }

    /** Runs the sync. */
    Result run() {
        List<StoredObject> newSucceeded = notYetCounted(uncountedSucceeded, JobPods::succeeded);
        List<StoredObject> newFailed = notYetCounted(uncountedFailed, this::isPodFailed);
        succeeded = status.succeeded + newSucceeded.size() + uncountedSucceeded.size();
        failed = status.failed + newFailed.size() + uncountedFailed.size();
        if (status.startTime == null && !spec.suspended()) {
            status.startTime = Json.time(now);
        }
        newBackoff = backoff.after(json(newSucceeded), json(newFailed));
        decideFinished();
        if (spec.indexed()) {
            prevSucceededIndexes = IndexIntervals.parse(status.completedIndexes, spec.completions());
            succeededIndexes = prevSucceededIndexes.with(indexes(pods.stream()
                    .filter(p -> JobPods.succeeded(p) && validIndex(p) && JobPods.hasTrackingFinalizer(p)).toList()));
            succeeded = succeededIndexes.total();
        }
        int active = activePods.size();
        boolean suspendChanged = false;
        if (finished != null) {
            active -= deleteActivePods();
        } else {
            boolean manage = !job.isDeleting();
            if (manage) {
                active = manageJob();
            }
            boolean complete = spec.completions() == null ? succeeded > 0 && active == 0
                    : succeeded >= spec.completions() && active == 0;
            if (complete) {
                finished = new Verdict(SUCCESS_CRITERIA_MET, "CompletionsReached",
                        "Reached expected number of succeeded pods");
            } else if (manage) {
                suspendChanged = updateSuspendedCondition();
            }
        }
        boolean needsFlush = suspendChanged || active != status.active || !Objects.equals(ready, status.ready)
                || !Objects.equals(terminating, status.terminating);
        status.active = active;
        status.ready = ready;
        status.terminating = terminating;
        trackStatusAndRemoveFinalizers(needsFlush);
        return new Result(wakeAt, backoff);
    }

    /** An interim condition already written, else the backoff limit, else the active deadline (and its wake-up). */
    private void decideFinished() {
        ObjectNode met = trueCondition(SUCCESS_CRITERIA_MET);
        ObjectNode target = trueCondition(FAILURE_TARGET);
        if (met != null) {
            finished = new Verdict(SUCCESS_CRITERIA_MET, met.path("reason").asText(), met.path("message").asText());
        } else if (target != null) {
            finished = new Verdict(FAILED, target.path("reason").asText(), target.path("message").asText());
        } else if (failed > spec.backoffLimit() || pastBackoffLimitOnFailure()) {
            finished = new Verdict(FAILURE_TARGET, "BackoffLimitExceeded", "Job has reached the specified backoff limit");
        } else if (pastActiveDeadline()) {
            finished = new Verdict(FAILURE_TARGET, "DeadlineExceeded", "Job was active longer than specified deadline");
        } else if (spec.activeDeadlineSeconds() != null && !spec.suspended()) {
            wake(Instant.parse(status.startTime).plusSeconds(spec.activeDeadlineSeconds()));
        }
    }

    /** With restartPolicy OnFailure: the container restarts of running and pending pods have reached the limit. */
    private boolean pastBackoffLimitOnFailure() {
        if (!spec.restartOnFailure()) {
            return false;
        }
        int restarts = JobPods.restartsWhileRunning(pods);
        return spec.backoffLimit() == 0 ? restarts > 0 : restarts >= spec.backoffLimit();
    }

    private boolean pastActiveDeadline() {
        return spec.activeDeadlineSeconds() != null && status.startTime != null && !spec.suspended()
                && !now.isBefore(Instant.parse(status.startTime).plusSeconds(spec.activeDeadlineSeconds()));
    }

    // ---- manageJob ---------------------------------------------------------------------------

    /** Deletes surplus pods or creates missing ones (after any pod-failure back-off); returns the active count. */
    private int manageJob() {
        int active = activePods.size();
        if (spec.suspended()) {
            return active - deleteJobPods(JobPods.forRemoval(spec, activePods, active));
        }
        int wantActive;
        if (spec.completions() == null) {
            // Work-queue mode: once any pod has succeeded, leave whatever runs running.
            wantActive = succeeded > 0 ? active : spec.parallelism();
        } else {
            wantActive = Math.max(0, Math.min(spec.completions() - succeeded, spec.parallelism()));
        }
        List<StoredObject> surplus = JobPods.forRemoval(spec, activePods, Math.max(0, active - wantActive));
        if (!surplus.isEmpty()) {
            return active - deleteJobPods(surplus.subList(0, Math.min(surplus.size(), MAX_PER_SYNC)));
        }
        int missing = wantActive - (spec.onlyReplaceFailed() ? terminating : 0) - active;
        if (missing <= 0) {
            return active;
        }
        Duration wait = newBackoff.remaining(now);
        if (!wait.isZero()) {
            // Kubernetes 1.32 reports active 0 here, a regression fixed upstream; the real count is kept.
            wake(now.plus(wait.compareTo(JobController.SYNC_BATCH) < 0 ? JobController.SYNC_BATCH : wait));
            return active;
        }
        missing = Math.min(missing, MAX_PER_SYNC);
        List<Integer> indexes = spec.indexed() ? firstPendingIndexes(missing) : Collections.nCopies(missing, -1);
        return active + client.createPods(job, indexes);
    }

    /** The lowest indexes that are neither succeeded nor active (nor terminating, when only failed pods are replaced). */
    private List<Integer> firstPendingIndexes(int count) {
        IndexIntervals taken = succeededIndexes.with(indexes(activePods));
        if (spec.onlyReplaceFailed()) {
            taken = taken.with(indexes(pods.stream().filter(JobPods::isTerminating).toList()));
        }
        return taken.firstMissing(count, spec.completions());
    }

    /** Deletes pods the Job no longer wants, releasing their finalizers first (deleteJobPods). */
    private int deleteJobPods(List<StoredObject> victims) {
        for (StoredObject pod : victims) {
            client.removeFinalizerAndDelete(job, pod);
            deleted(pod);
        }
        return victims.size();
    }

    /** Deletes every active pod of a finished Job, keeping the finalizers until they are counted (deleteActivePods). */
    private int deleteActivePods() {
        for (StoredObject pod : activePods) {
            client.delete(job, pod);
            deleted(pod);
        }
        return activePods.size();
    }

    private void deleted(StoredObject pod) {
        terminating++;
        if (Pods.isReady(pod.json())) {
            ready--;
        }
    }

    private boolean updateSuspendedCondition() {
        if (spec.suspended()) {
            if (JobConditions.ensure(status.conditions, SUSPENDED, "True", "JobSuspended", "Job suspended", now)) {
                client.normal(job, "Suspended", "Job suspended");
                return true;
            }
            return false;
        }
        if (JobConditions.ensure(status.conditions, SUSPENDED, "False", "JobResumed", "Job resumed", now)) {
            client.normal(job, "Resumed", "Job resumed");
            // The active deadline counts time spent running, so it starts again.
            status.startTime = Json.time(now);
            return true;
        }
        return false;
    }

    // ---- trackJobStatusAndRemoveFinalizers ------------------------------------------------------

    private void trackStatusAndRemoveFinalizers(boolean needsFlush) {
        List<StoredObject> ordered = new ArrayList<>(pods);
        if (spec.indexed()) {
            ordered.sort(Comparator.comparingInt(JobPods::completionIndex));
        }
        Set<String> withFinalizer = new LinkedHashSet<>();
        pods.stream().filter(JobPods::hasTrackingFinalizer).forEach(p -> withFinalizer.add(p.uid()));
        needsFlush |= status.countFinalized(withFinalizer);
        List<StoredObject> release = new ArrayList<>();
        List<Integer> newSucceededIndexes = new ArrayList<>();
        boolean reachedMax = false;
        for (StoredObject pod : ordered) {
            boolean podFailed = isPodFailed(pod);
            if (!JobPods.hasTrackingFinalizer(pod)
                    || !(job.isDeleting() || finished != null || JobPods.succeeded(pod) || podFailed)) {
                continue;
            }
            release.add(pod);
            if (JobPods.succeeded(pod) && !uncountedFailed.contains(pod.uid())) {
                if (spec.indexed()) {
                    int index = JobPods.completionIndex(pod);
                    if (validIndex(pod) && !prevSucceededIndexes.has(index)) {
                        newSucceededIndexes.add(index);
                        needsFlush = true;
                    }
                } else if (!uncountedSucceeded.contains(pod.uid())) {
                    status.uncountedSucceeded.add(pod.uid());
                    needsFlush = true;
                }
            } else if (podFailed || (finished != null && !finished.isSuccess())) {
                // Once the Job has failed, every pod not yet terminal counts as failed.
                if (!uncountedFailed.contains(pod.uid()) && (!spec.indexed() || validIndex(pod))) {
                    status.uncountedFailed.add(pod.uid());
                    needsFlush = true;
                }
            }
            if (newSucceededIndexes.size() + status.uncountedSucceeded.size() + status.uncountedFailed.size()
                    >= MAX_PER_SYNC) {
                reachedMax = true;
                break;
            }
        }
        if (spec.indexed()) {
            Collections.sort(newSucceededIndexes);
            succeededIndexes = succeededIndexes.with(newSucceededIndexes);
            needsFlush |= !succeededIndexes.format().equals(status.completedIndexes);
            status.succeeded = succeededIndexes.total();
            status.completedIndexes = succeededIndexes.format();
        }
        needsFlush |= addInterimCondition();
        if (needsFlush) {
            client.writeStatus(job, status);
            backoff = newBackoff;
        }
        for (StoredObject pod : release) {
            client.removeFinalizer(pod);
            withFinalizer.remove(pod.uid());
        }
        boolean counted = status.countFinalized(withFinalizer);
        boolean jobFinished = !reachedMax && enactFinished();
        if (counted || jobFinished) {
            StoredObject updated = client.writeStatus(job, status);
            if (jobFinished) {
                recordFinished(updated == null ? job : updated);
            }
        }
    }

    /** Adds FailureTarget / SuccessCriteriaMet, written before pods are released; turns the verdict final. */
    private boolean addInterimCondition() {
        if (finished == null) {
            return false;
        }
        boolean added = false;
        if (finished.type().equals(FAILURE_TARGET)) {
            status.conditions.add(
                    JobConditions.condition(FAILURE_TARGET, "True", finished.reason(), finished.message(), now));
            finished = new Verdict(FAILED, finished.reason(), finished.message());
            added = true;
        } else if (finished.type().equals(SUCCESS_CRITERIA_MET)) {
            if (trueCondition(SUCCESS_CRITERIA_MET) == null) {
                status.conditions.add(JobConditions.condition(SUCCESS_CRITERIA_MET, "True", finished.reason(),
                        finished.message(), now));
                added = true;
            }
            finished = new Verdict(COMPLETE, finished.reason(), finished.message());
        }
        return added;
    }

    /** Adds Complete / Failed once every pod is counted and none is terminating (enactJobFinished). */
    private boolean enactFinished() {
        if (finished == null || status.hasUncounted() || terminating > 0) {
            return false;
        }
        JobConditions.ensure(status.conditions, finished.type(), "True", finished.reason(), finished.message(), now);
        if (finished.type().equals(COMPLETE)) {
            status.completionTime = Json.time(now);
        }
        return true;
    }

    private void recordFinished(StoredObject finishedJob) {
        if (!finished.type().equals(COMPLETE)) {
            client.warning(finishedJob, finished.reason(), finished.message());
            return;
        }
        if (spec.completions() != null && status.succeeded > spec.completions()) {
            client.warning(finishedJob, "TooManySucceededPods",
                    "Too many succeeded pods running after completion count reached");
        }
        client.normal(finishedJob, "Completed", "Job completed");
    }

    // ---- helpers -------------------------------------------------------------------------------

    /**
     * Failed, or (unless only failed pods are replaced) being deleted without having succeeded: an
     * orphaned or evicted pod may never reach the Failed phase.
     */
    private boolean isPodFailed(StoredObject pod) {
        String phase = Pods.phase(pod.json());
        if (phase.equals("Failed")) {
            return true;
        }
        return !spec.onlyReplaceFailed() && pod.isDeleting() && !phase.equals("Succeeded");
    }

    /** Pods holding the finalizer, not in {@code uncounted}, with a valid index if Indexed, matching {@code filter}. */
    private List<StoredObject> notYetCounted(Set<String> uncounted, Predicate<StoredObject> filter) {
        return pods.stream().filter(p -> JobPods.hasTrackingFinalizer(p) && !uncounted.contains(p.uid())
                && (!spec.indexed() || validIndex(p)) && filter.test(p)).toList();
    }

    private boolean validIndex(StoredObject pod) {
        int index = JobPods.completionIndex(pod);
        return index >= 0 && index < spec.completions();
    }

    private static List<Integer> indexes(List<StoredObject> pods) {
        return pods.stream().map(JobPods::completionIndex).filter(i -> i >= 0).distinct().sorted().toList();
    }

    private static List<JsonNode> json(List<StoredObject> pods) {
        return pods.stream().map(p -> (JsonNode) p.json()).toList();
    }

    private ObjectNode trueCondition(String type) {
        ObjectNode c = JobConditions.find(status.conditions, type);
        return c != null && "True".equals(c.path("status").asText()) ? c : null;
    }

    private void wake(Instant at) {
        wakeAt = wakeAt == null || at.isBefore(wakeAt) ? at : wakeAt;
    }
}
