package dev.fakecluster.internal.job;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parts of a Job's spec the controller acts on, read once per sync.
 *
 * @param completions successful pods wanted, or null in work-queue mode (only parallelism set)
 * @param parallelism pods that may run at once
 * @param backoffLimit failures tolerated before the Job fails
 * @param activeDeadlineSeconds how long the Job may be active, or null
 * @param suspended whether the Job is suspended
 * @param indexed whether pods get completion indexes ({@code completionMode: Indexed})
 * @param restartOnFailure whether the pod template restarts failed containers in place ({@code OnFailure})
 * @param onlyReplaceFailed whether a replacement waits for the old pod to be Failed
 *     ({@code podReplacementPolicy: Failed}, implied by a podFailurePolicy)
 */
record JobSpec(Integer completions, int parallelism, int backoffLimit, Long activeDeadlineSeconds, boolean suspended,
        boolean indexed, boolean restartOnFailure, boolean onlyReplaceFailed) {

    static JobSpec of(JsonNode job) {
        JsonNode spec = job.path("spec");
        Integer completions = spec.hasNonNull("completions") ? spec.get("completions").asInt() : null;
        return new JobSpec(completions, spec.path("parallelism").asInt(1), spec.path("backoffLimit").asInt(6),
                spec.hasNonNull("activeDeadlineSeconds") ? spec.get("activeDeadlineSeconds").asLong() : null,
                spec.path("suspend").asBoolean(false),
                // Validation makes Indexed require completions; without them the mode cannot apply.
                "Indexed".equals(spec.path("completionMode").asText()) && completions != null,
                "OnFailure".equals(spec.path("template").path("spec").path("restartPolicy").asText()),
                "Failed".equals(spec.path("podReplacementPolicy").asText()) || spec.has("podFailurePolicy"));
    }
}
