package dev.fakecluster.internal.cronjob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.apiserver.DeleteOptions;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.cron.CronSchedule;
import dev.fakecluster.internal.events.EventRecorder;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.kinds.KindInfo.Propagation;
import dev.fakecluster.internal.runtime.QueueController;
import dev.fakecluster.internal.store.Change;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.workload.Owners;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The CronJob controller (pkg/controller/cronjob, the v2 controller of 1.21+): at each scheduled
 * time it creates the Job {@code <cronjob>-<minutes since the epoch>}, honouring suspend,
 * startingDeadlineSeconds and the concurrency policy; it tracks active jobs, records the last
 * schedule and success, and deletes finished jobs beyond the history limits.
 */
public final class CronJobController extends QueueController {

    static final String COMPONENT = "cronjob-controller";
    static final String SCHEDULED_TIMESTAMP = "batch.kubernetes.io/cronjob-scheduled-timestamp";
    /** The controller wakes this long after a scheduled time, as upstream's nextScheduleTimeDuration does. */
    private static final Duration WAKE_DELAY = Duration.ofMillis(100);
    private static final int TOO_MANY_MISSED = 100;
    private static final DateTimeFormatter RFC1123Z =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    private final ApiServer api;
    private final EventRecorder events;
    private final KindInfo cronJobKind;
    private final KindInfo jobKind;

    public CronJobController(ApiServer api, VirtualClock clock, EventRecorder events) {
        super(clock);
        this.api = api;
        this.events = events;
        this.cronJobKind = api.resolveKind("cronjobs.batch");
        this.jobKind = api.resolveKind("jobs.batch");
    }

    @Override
    protected void keysFor(Change change, Consumer<String> enqueue) {
        StoredObject o = change.object();
        if (o.resource().equals(cronJobKind.resource())) {
            enqueue.accept(o.key());
        } else if (o.resource().equals(jobKind.resource())) {
            StoredObject cj = Owners.controllerOf(api.state(), o.json(), cronJobKind.resource());
            if (cj != null) {
                enqueue.accept(cj.key());
            }
        }
    }

    @Override
    protected void allKeys(ClusterState state, Consumer<String> enqueue) {
        state.list(cronJobKind.resource(), null).forEach(cj -> enqueue.accept(cj.key()));
    }

    @Override
    protected void sync(String key) {
        StoredObject cj = api.state().get(key);
        if (cj == null || cj.isDeleting()) {
            return;
        }
        List<StoredObject> jobs = ownedJobs(cj);
        ObjectNode status = cj.json().path("status").isObject() ? cj.json().get("status").deepCopy() : Json.object();
        reconcileActive(cj, jobs, status);
        cleanupFinishedJobs(cj, jobs);
        JsonNode spec = cj.json().path("spec");
        if (spec.path("suspend").asBoolean(false)) {
            writeStatus(cj, status);
            return;
        }
        CronSchedule schedule;
        ZoneId zone;
        try {
            schedule = CronSchedule.parse(spec.path("schedule").asText());
            zone = spec.hasNonNull("timeZone") ? ZoneId.of(spec.get("timeZone").asText()) : ZoneOffset.UTC;
        } catch (RuntimeException e) {
            events.warning(cj, COMPONENT, "UnparseableSchedule", "unparseable schedule: " + spec.path("schedule").asText()
                    + " : " + e.getMessage());
            writeStatus(cj, status);
            return;
        }
        Instant now = now();
        Instant scheduled = mostRecentScheduleTime(cj, status, schedule, zone, now);
        if (scheduled != null) {
            startJob(cj, status, scheduled, zone, now);
        }
        writeStatus(cj, status);
        Instant next = schedule.next(now, zone);
        if (next != null) {
            requeueAt(next.plus(WAKE_DELAY), key);
        }
    }

    /** The latest scheduled time not yet run, or null; warns when more than 100 were missed. */
    private Instant mostRecentScheduleTime(StoredObject cj, JsonNode status, CronSchedule schedule, ZoneId zone,
            Instant now) {
        JsonNode spec = cj.json().path("spec");
        Instant earliest = status.hasNonNull("lastScheduleTime") ? Instant.parse(status.get("lastScheduleTime").asText())
                : Instant.parse(Json.text(cj.json(), "metadata", "creationTimestamp"));
        if (spec.hasNonNull("startingDeadlineSeconds")) {
            Instant limit = now.minusSeconds(spec.get("startingDeadlineSeconds").asLong());
            earliest = limit.isAfter(earliest) ? limit : earliest;
        }
        Instant latest = null;
        int missed = 0;
        for (Instant t = schedule.next(earliest, zone); t != null && !t.isAfter(now); t = schedule.next(t, zone)) {
            latest = t;
            missed++;
        }
        if (missed > TOO_MANY_MISSED) {
            events.warning(cj, COMPONENT, "TooManyMissedTimes",
                    "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew");
        }
        return latest;
    }

    private void startJob(StoredObject cj, ObjectNode status, Instant scheduled, ZoneId zone, Instant now) {
        JsonNode spec = cj.json().path("spec");
        if (spec.hasNonNull("startingDeadlineSeconds")
                && scheduled.plusSeconds(spec.get("startingDeadlineSeconds").asLong()).isBefore(now)) {
            events.warning(cj, COMPONENT, "MissSchedule",
                    "Missed scheduled time to start a job: " + RFC1123Z.format(scheduled));
            return;
        }
        String jobName = cj.name() + "-" + scheduled.getEpochSecond() / 60;
        boolean alreadyActive = false;
        for (JsonNode ref : Json.arrayAt(status, "active")) {
            alreadyActive |= jobName.equals(ref.path("name").asText());
        }
        String last = status.path("lastScheduleTime").asText(null);
        if (alreadyActive || Json.time(scheduled).equals(last)) {
            return;
        }
        String policy = spec.path("concurrencyPolicy").asText("Allow");
        ArrayNode active = Json.arrayAt(status, "active");
        if (policy.equals("Forbid") && !active.isEmpty()) {
            events.normal(cj, COMPONENT, "JobAlreadyActive",
                    "Not starting job because prior execution is running and concurrency policy is Forbid");
            return;
        }
        if (policy.equals("Replace")) {
            for (JsonNode ref : List.copyOf(toList(active))) {
                deleteJob(cj, ref.path("name").asText());
            }
            status.remove("active");
        }
        StoredObject job;
        try {
            job = api.create(jobFromTemplate(cj, jobName, scheduled, zone), cj.namespace(), false);
        } catch (ApiException e) {
            if (!"AlreadyExists".equals(e.reason())) {
                events.warning(cj, COMPONENT, "FailedCreate", "Error creating job: " + e.getMessage());
                return;
            }
            job = api.get(jobKind, cj.namespace(), jobName).orElse(null);
            if (job == null || !cj.uid().equals(Owners.controllerUid(job.json()))) {
                return;
            }
        }
        events.normal(cj, COMPONENT, "SuccessfulCreate", "Created job " + job.name());
        status.withArray("active").add(reference(job));
        status.put("lastScheduleTime", Json.time(scheduled));
    }

    private ObjectNode jobFromTemplate(StoredObject cj, String name, Instant scheduled, ZoneId zone) {
        JsonNode template = cj.json().path("spec").path("jobTemplate");
        ObjectNode job = Json.object().put("apiVersion", "batch/v1").put("kind", "Job");
        ObjectNode meta = job.putObject("metadata").put("name", name).put("namespace", cj.namespace());
        JsonNode tmeta = template.path("metadata");
        if (tmeta.has("labels")) {
            meta.set("labels", tmeta.get("labels").deepCopy());
        }
        ObjectNode annotations = tmeta.has("annotations") ? tmeta.get("annotations").deepCopy() : Json.object();
        annotations.put(SCHEDULED_TIMESTAMP, scheduled.atZone(zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        meta.set("annotations", annotations);
        meta.putArray("ownerReferences").add(Owners.controllerRef(cj));
        job.set("spec", template.path("spec").deepCopy());
        return job;
    }

    /** Drops finished and vanished jobs from {@code status.active}, with the events upstream records. */
    private void reconcileActive(StoredObject cj, List<StoredObject> jobs, ObjectNode status) {
        ArrayNode active = Json.arrayAt(status, "active");
        ArrayNode kept = Json.array();
        for (JsonNode ref : active) {
            StoredObject job = jobs.stream().filter(j -> j.uid().equals(ref.path("uid").asText())).findFirst().orElse(null);
            if (job == null) {
                events.normal(cj, COMPONENT, "MissingJob", "Active job went missing: " + ref.path("name").asText());
            } else if (finishedAs(job) != null) {
                events.normal(cj, COMPONENT, "SawCompletedJob",
                        "Saw completed job: " + job.name() + ", status: " + finishedAs(job));
            } else {
                kept.add(ref);
            }
        }
        for (StoredObject job : jobs) {
            boolean listed = toList(active).stream().anyMatch(ref -> job.uid().equals(ref.path("uid").asText()));
            if (!listed && finishedAs(job) == null) {
                events.warning(cj, COMPONENT, "UnexpectedJob",
                        "Saw a job that the controller did not create or forgot: " + job.name());
                kept.add(reference(job));
            }
            if ("Complete".equals(finishedAs(job)) && job.json().path("status").hasNonNull("completionTime")) {
                String done = job.json().path("status").path("completionTime").asText();
                String known = status.path("lastSuccessfulTime").asText(null);
                if (known == null || Instant.parse(done).isAfter(Instant.parse(known))) {
                    status.put("lastSuccessfulTime", done);
                }
            }
        }
        if (kept.isEmpty()) {
            status.remove("active");
        } else {
            status.set("active", kept);
        }
    }

    /** Keeps the newest successful and failed jobs up to the history limits; deletes the rest. */
    private void cleanupFinishedJobs(StoredObject cj, List<StoredObject> jobs) {
        JsonNode spec = cj.json().path("spec");
        for (String outcome : List.of("Complete", "Failed")) {
            String field = outcome.equals("Complete") ? "successfulJobsHistoryLimit" : "failedJobsHistoryLimit";
            if (!spec.hasNonNull(field)) {
                continue;
            }
            List<StoredObject> finished = new ArrayList<>(jobs.stream()
                    .filter(j -> outcome.equals(finishedAs(j)) && !j.isDeleting()).toList());
            finished.sort(Comparator.comparing(CronJobController::startTime));
            int excess = finished.size() - spec.get(field).asInt();
            for (int i = 0; i < excess; i++) {
                deleteJob(cj, finished.get(i).name());
            }
        }
    }

    private static Instant startTime(StoredObject job) {
        String start = Json.text(job.json(), "status", "startTime");
        return Instant.parse(start != null ? start : Json.text(job.json(), "metadata", "creationTimestamp"));
    }

    private void deleteJob(StoredObject cj, String name) {
        try {
            api.delete(jobKind, cj.namespace(), name, DeleteOptions.propagation(Propagation.BACKGROUND));
            events.normal(cj, COMPONENT, "SuccessfulDelete", "Deleted job " + name);
        } catch (ApiException e) {
            if (!"NotFound".equals(e.reason())) {
                throw e;
            }
        }
    }

    /** {@code Complete} or {@code Failed} when the job has finished, else null. */
    private static String finishedAs(StoredObject job) {
        for (JsonNode c : Json.arrayAt(job.json(), "status", "conditions")) {
            String type = c.path("type").asText();
            if ((type.equals("Complete") || type.equals("Failed")) && "True".equals(c.path("status").asText())) {
                return type;
            }
        }
        return null;
    }

    private List<StoredObject> ownedJobs(StoredObject cj) {
        return api.state().dependents(cj.uid()).stream()
                .filter(o -> o.resource().equals(jobKind.resource()) && cj.uid().equals(Owners.controllerUid(o.json())))
                .toList();
    }

    private static ObjectNode reference(StoredObject job) {
        return Json.object().put("kind", "Job").put("namespace", job.namespace()).put("name", job.name())
                .put("uid", job.uid()).put("apiVersion", "batch/v1")
                .put("resourceVersion", Long.toString(job.resourceVersion()));
    }

    private static List<JsonNode> toList(ArrayNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private void writeStatus(StoredObject cj, ObjectNode status) {
        if (status.equals(cj.json().path("status")) || (status.isEmpty() && !cj.json().has("status"))) {
            return;
        }
        api.mutate(cronJobKind, cj.namespace(), cj.name(), o -> {
            o.set("status", status);
            return o;
        });
    }
}
