package dev.fakecluster.internal.describe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.printers.Age;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** kubectl's describers for Jobs and CronJobs. */
final class JobDescriber {

    /** kubectl's soft limit on the completed indexes it lists. */
    private static final int INDEXES_SHOWN = 50;

    private JobDescriber() {
    }

    static void job(DescribeWriter w, JsonNode job, Lookup lookup) {
        JsonNode spec = job.path("spec");
        JsonNode status = job.path("status");
        Meta.nameAndNamespace(w, job);
        w.line(0, "Selector", Meta.selector(spec.path("selector")));
        Meta.labelsAndAnnotations(w, job);
        Meta.controlledBy(w, job);
        if (spec.path("parallelism").isNumber()) {
            w.line(0, "Parallelism", spec.path("parallelism").asInt());
        }
        w.line(0, "Completions", Meta.orUnset(spec.path("completions")));
        if (spec.has("completionMode")) {
            w.line(0, "Completion Mode", spec.path("completionMode").asText());
        }
        if (spec.path("suspend").isBoolean()) {
            w.line(0, "Suspend", spec.path("suspend").asBoolean());
        }
        if (spec.path("backoffLimit").isNumber()) {
            w.line(0, "Backoff Limit", spec.path("backoffLimit").asInt());
        }
        if (spec.path("ttlSecondsAfterFinished").isNumber()) {
            w.line(0, "TTL Seconds After Finished", spec.path("ttlSecondsAfterFinished").asInt());
        }
        String start = status.path("startTime").asText("");
        String end = status.path("completionTime").asText("");
        if (!start.isEmpty()) {
            w.line(0, "Start Time", Meta.time(start));
        }
        if (!end.isEmpty()) {
            w.line(0, "Completed At", Meta.time(end));
        }
        if (!start.isEmpty() && !end.isEmpty()) {
            w.line(0, "Duration", Age.human(Duration.between(Instant.parse(start), Instant.parse(end))));
        }
        if (spec.path("activeDeadlineSeconds").isNumber()) {
            w.line(0, "Active Deadline Seconds", spec.path("activeDeadlineSeconds").asLong() + "s");
        }
        String active = status.path("active").asInt(0) + " Active";
        if (status.path("ready").isNumber()) {
            active += " (" + status.path("ready").asInt() + " Ready)";
        }
        w.line(0, "Pods Statuses", active + " / " + status.path("succeeded").asInt(0) + " Succeeded / "
                + status.path("failed").asInt(0) + " Failed");
        if ("Indexed".equals(spec.path("completionMode").asText())) {
            w.line(0, "Completed Indexes", indexes(status.path("completedIndexes").asText("")));
        }
        Containers.podTemplate(w, spec.path("template"));
        Events.section(w, Events.about(lookup, job, "Job"), lookup);
    }

    /** capIndexesListOrNone: up to the first comma past the limit, then {@code ...}. */
    private static String indexes(String indexes) {
        if (indexes.isEmpty()) {
            return "<none>";
        }
        int comma = indexes.indexOf(',', INDEXES_SHOWN);
        return comma < 0 ? indexes : indexes.substring(0, comma + 1) + "...";
    }

    static void cronJob(DescribeWriter w, JsonNode cj, Lookup lookup) {
        JsonNode spec = cj.path("spec");
        Meta.nameAndNamespace(w, cj);
        Meta.labelsAndAnnotations(w, cj);
        w.line(0, "Schedule", spec.path("schedule").asText());
        w.line(0, "Concurrency Policy", spec.path("concurrencyPolicy").asText(""));
        w.line(0, "Suspend", Meta.bool(spec.path("suspend")));
        w.line(0, "Successful Job History Limit", Meta.orUnset(spec.path("successfulJobsHistoryLimit")));
        w.line(0, "Failed Job History Limit", Meta.orUnset(spec.path("failedJobsHistoryLimit")));
        w.line(0, "Starting Deadline Seconds", spec.path("startingDeadlineSeconds").isNumber()
                ? spec.path("startingDeadlineSeconds").asLong() + "s" : "<unset>");
        JsonNode jobSpec = spec.path("jobTemplate").path("spec");
        w.line(0, "Selector", jobSpec.path("selector").isObject() ? Meta.selector(jobSpec.path("selector")) : "<unset>");
        w.line(0, "Parallelism", Meta.orUnset(jobSpec.path("parallelism")));
        w.line(0, "Completions", Meta.orUnset(jobSpec.path("completions")));
        if (jobSpec.path("activeDeadlineSeconds").isNumber()) {
            w.line(0, "Active Deadline Seconds", jobSpec.path("activeDeadlineSeconds").asLong() + "s");
        }
        Containers.podTemplate(w, jobSpec.path("template"));
        String last = cj.path("status").path("lastScheduleTime").asText("");
        w.line(0, "Last Schedule Time", last.isEmpty() ? "<unset>" : Meta.time(last));
        List<String> active = new ArrayList<>();
        cj.path("status").path("active").forEach(j -> active.add(j.path("name").asText()));
        w.line(0, "Active Jobs", active.isEmpty() ? "<none>" : String.join(", ", active));
        Events.section(w, Events.about(lookup, cj, "CronJob"), lookup);
    }
}
