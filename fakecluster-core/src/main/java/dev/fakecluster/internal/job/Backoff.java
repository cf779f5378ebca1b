package dev.fakecluster.internal.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.workload.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The pod-failure back-off of one Job (backoff_utils.go's backoffRecord): how many pods failed
 * since the last success and when the last of them finished. Replacements wait
 * {@code 10 s × 2^(failures−1)}, capped at 10 minutes, from that instant.
 *
 * @param failuresAfterLastSuccess failed pods counted since the last succeeded one
 * @param lastFailureTime when the latest of them finished, or null when there are none
 */
record Backoff(int failuresAfterLastSuccess, Instant lastFailureTime) {

    static final Backoff NONE = new Backoff(0, null);
    /** DefaultJobPodFailureBackOff. */
    static final Duration INITIAL = Duration.ofSeconds(10);
    /** MaxJobPodFailureBackOff (the user docs still say six minutes; the code says ten). */
    static final Duration MAX = Duration.ofMinutes(10);

    /** This record once newly finished pods are counted (newBackoffRecord): a success resets it. */
    Backoff after(List<JsonNode> newSucceeded, List<JsonNode> newFailed) {
        List<Instant> failed = newFailed.stream().map(Backoff::finishedAt).sorted().toList();
        if (newSucceeded.isEmpty()) {
            return failed.isEmpty() ? this
                    : new Backoff(failuresAfterLastSuccess + failed.size(), failed.get(failed.size() - 1));
        }
        Instant lastSuccess = newSucceeded.stream().map(Backoff::finishedAt).max(Instant::compareTo).orElseThrow();
        int count = 0;
        Instant last = null;
        for (int i = failed.size() - 1; i >= 0 && failed.get(i).isAfter(lastSuccess); i--) {
            last = last == null ? failed.get(i) : last;
            count++;
        }
        return new Backoff(count, last);
    }

    /** How long pod creation must still wait at {@code now}; zero when it may go ahead. */
    Duration remaining(Instant now) {
        if (failuresAfterLastSuccess == 0) {
            return Duration.ZERO;
        }
        Duration delay = INITIAL;
        for (int i = 1; i < failuresAfterLastSuccess && delay.compareTo(MAX) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        delay = delay.compareTo(MAX) > 0 ? MAX : delay;
        Duration elapsed = Duration.between(lastFailureTime, now);
        return delay.compareTo(elapsed) <= 0 ? Duration.ZERO : delay.minus(elapsed);
    }

    /**
     * When a pod finished (getFinishedTime): its containers' latest finish when all have
     * terminated, else when it stopped being Ready, else its deletion less the grace period, else
     * its creation.
     */
    static Instant finishedAt(JsonNode pod) {
        Instant containers = containersFinishedAt(pod);
        if (containers != null) {
            return containers;
        }
        JsonNode ready = Pods.condition(pod, "Ready");
        if ("False".equals(ready.path("status").asText()) && ready.hasNonNull("lastTransitionTime")) {
            return Instant.parse(ready.get("lastTransitionTime").asText());
        }
        String deletion = Json.text(pod, "metadata", "deletionTimestamp");
        if (deletion != null) {
            long grace = pod.path("metadata").path("deletionGracePeriodSeconds").asLong(0);
            return Instant.parse(deletion).minusSeconds(grace);
        }
        return Instant.parse(Json.text(pod, "metadata", "creationTimestamp"));
    }

    private static Instant containersFinishedAt(JsonNode pod) {
        Instant latest = null;
        for (JsonNode c : Json.arrayAt(pod, "status", "containerStatuses")) {
            String finished = Json.text(c, "state", "terminated", "finishedAt");
            if (finished == null) {
                return null;
            }
            Instant at = Instant.parse(finished);
            latest = latest == null || latest.isBefore(at) ? at : latest;
        }
        return latest;
    }
}
