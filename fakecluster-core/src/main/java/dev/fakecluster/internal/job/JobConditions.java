package dev.fakecluster.internal.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import java.time.Instant;

/** Job conditions as the controller writes and reads them (newCondition, ensureJobConditionStatus, IsJobFinished). */
final class JobConditions {

    static final String COMPLETE = "Complete";
    static final String FAILED = "Failed";
    static final String FAILURE_TARGET = "FailureTarget";
    static final String SUCCESS_CRITERIA_MET = "SuccessCriteriaMet";
    static final String SUSPENDED = "Suspended";

    private JobConditions() {
    }

    /** A condition whose probe and transition times are both {@code now}; empty reason and message are left out. */
    static ObjectNode condition(String type, String status, String reason, String message, Instant now) {
        ObjectNode c = Json.object().put("type", type).put("status", status).put("lastProbeTime", Json.time(now))
                .put("lastTransitionTime", Json.time(now));
        if (!reason.isEmpty()) {
            c.put("reason", reason);
        }
        if (!message.isEmpty()) {
            c.put("message", message);
        }
        return c;
    }

    /** The condition of {@code type} in {@code conditions}, or null. */
    static ObjectNode find(ArrayNode conditions, String type) {
        for (JsonNode c : conditions) {
            if (type.equals(c.path("type").asText())) {
                return (ObjectNode) c;
            }
        }
        return null;
    }

    /** Whether the Job has a {@code type} condition with status True. */
    static boolean isTrue(JsonNode job, String type) {
        for (JsonNode c : job.path("status").path("conditions")) {
            if (type.equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the Job has finished: Complete or Failed is True. */
    static boolean isFinished(JsonNode job) {
        return isTrue(job, COMPLETE) || isTrue(job, FAILED);
    }

    /** When the Job finished: the transition time of its true Complete or Failed condition, or null. */
    static Instant finishedAt(JsonNode job) {
        for (JsonNode c : job.path("status").path("conditions")) {
            String type = c.path("type").asText();
            if ((type.equals(COMPLETE) || type.equals(FAILED)) && "True".equals(c.path("status").asText())
                    && c.hasNonNull("lastTransitionTime")) {
                return Instant.parse(c.get("lastTransitionTime").asText());
            }
        }
        return null;
    }

    /**
     * Sets the {@code type} condition to the given status, reason and message (replacing it when any
     * differs); a condition that does not exist is not added as False. Returns whether anything changed.
     */
    static boolean ensure(ArrayNode conditions, String type, String status, String reason, String message,
            Instant now) {
        ObjectNode existing = find(conditions, type);
        if (existing != null) {
            if (status.equals(existing.path("status").asText()) && reason.equals(existing.path("reason").asText())
                    && message.equals(existing.path("message").asText())) {
                return false;
            }
            existing.removeAll();
            existing.setAll(condition(type, status, reason, message, now));
            return true;
        }
        if (status.equals("False")) {
            return false;
        }
        conditions.add(condition(type, status, reason, message, now));
        return true;
    }
}
