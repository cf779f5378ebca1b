package dev.fakecluster.internal.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.workload.PodControl;
import dev.fakecluster.internal.workload.Pods;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What the Job controller knows about its pods: the tracking finalizer, completion indexes, new pods, removal order. */
final class JobPods {

    /** Keeps a finished pod until the controller has counted it in the Job's status. */
    static final String TRACKING_FINALIZER = "batch.kubernetes.io/job-tracking";
    /** Annotation and label carrying an Indexed Job pod's completion index. */
    static final String COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";
    static final String COMPLETION_INDEX_ENV = "JOB_COMPLETION_INDEX";
    /** names.MaxGeneratedNameLength: generateName prefixes are cut to this. */
    private static final int MAX_GENERATED_NAME_LENGTH = 58;
    /** controller.ActivePods: Pending before Unknown before Running. */
    private static final List<String> PHASE_ORDER = List.of("Pending", "Unknown", "Running");

    private JobPods() {
    }

    static boolean hasTrackingFinalizer(StoredObject pod) {
        return pod.hasFinalizer(TRACKING_FINALIZER);
    }

    /** Being deleted but not yet terminal (controller.IsPodTerminating). */
    static boolean isTerminating(StoredObject pod) {
        return pod.isDeleting() && !Pods.isTerminal(pod.json());
    }

    static boolean succeeded(StoredObject pod) {
        return "Succeeded".equals(Pods.phase(pod.json()));
    }

    /** The pod's completion index from its annotation, or -1 when it has none or it is not a number. */
    static int completionIndex(StoredObject pod) {
        String value = Json.text(pod.json(), "metadata", "annotations", COMPLETION_INDEX);
        try {
            return value == null ? -1 : Math.max(Integer.parseInt(value), -1);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The container restarts (init containers too) summed over the pods that are Running or Pending. */
    static int restartsWhileRunning(List<StoredObject> pods) {
        int restarts = 0;
        for (StoredObject pod : pods) {
            String phase = Pods.phase(pod.json());
            if (phase.equals("Running") || phase.equals("Pending")) {
                for (String list : List.of("initContainerStatuses", "containerStatuses")) {
                    for (JsonNode c : Json.arrayAt(pod.json(), "status", list)) {
                        restarts += c.path("restartCount").asInt(0);
                    }
                }
            }
        }
        return restarts;
    }

    /** Removes the tracking finalizer from the stored pod, if it (and the finalizer) is still there. */
    static void removeTrackingFinalizer(ApiServer api, KindInfo podKind, StoredObject pod) {
        api.mutate(podKind, pod.namespace(), pod.name(), p -> dropTrackingFinalizer(p) ? p : null);
    }

    /** Adds the tracking finalizer to a pod's metadata unless it is there. */
    static void addTrackingFinalizer(ObjectNode pod) {
        ArrayNode finalizers = Json.with(pod, "metadata").withArray("finalizers");
        for (JsonNode f : finalizers) {
            if (TRACKING_FINALIZER.equals(f.asText())) {
                return;
            }
        }
        finalizers.add(TRACKING_FINALIZER);
    }

    /** Takes the tracking finalizer out of a pod's metadata (dropping an emptied list); false when it had none. */
    static boolean dropTrackingFinalizer(ObjectNode pod) {
        ObjectNode meta = Json.with(pod, "metadata");
        ArrayNode finalizers = Json.arrayAt(meta, "finalizers");
        for (int i = finalizers.size() - 1; i >= 0; i--) {
            if (TRACKING_FINALIZER.equals(finalizers.get(i).asText())) {
                finalizers.remove(i);
                if (finalizers.isEmpty()) {
                    meta.remove("finalizers");
                }
                return true;
            }
        }
        return false;
    }

    /**
     * A new pod for {@code job} (manageJob): the template with the tracking finalizer; for an
     * Indexed Job ({@code index >= 0}) also the index annotation and label, the
     * {@code JOB_COMPLETION_INDEX} variable, {@code hostname <job>-<index>} and
     * {@code generateName <job>-<index>-}.
     */
    static ObjectNode newPod(StoredObject job, int index) {
        ObjectNode pod = PodControl.fromTemplate(job, job.json().path("spec").path("template"));
        addTrackingFinalizer(pod);
        ObjectNode meta = Json.with(pod, "metadata");
        if (index < 0) {
            return pod;
        }
        ObjectNode spec = Json.with(pod, "spec");
        for (String list : List.of("initContainers", "containers")) {
            for (JsonNode c : Json.arrayAt(spec, list)) {
                addIndexVariable((ObjectNode) c);
            }
        }
        Json.with(meta, "annotations").put(COMPLETION_INDEX, Integer.toString(index));
        Json.with(meta, "labels").put(COMPLETION_INDEX, Integer.toString(index));
        spec.put("hostname", job.name() + "-" + index);
        meta.put("generateName", generateNameWithIndex(job.name(), index));
        return pod;
    }

    /** Adds JOB_COMPLETION_INDEX from the index label unless the container already sets it. */
    private static void addIndexVariable(ObjectNode container) {
        ArrayNode env = container.has("env") ? (ArrayNode) container.get("env") : container.putArray("env");
        for (JsonNode v : env) {
            if (COMPLETION_INDEX_ENV.equals(v.path("name").asText())) {
                return;
            }
        }
        env.addObject().put("name", COMPLETION_INDEX_ENV).putObject("valueFrom").putObject("fieldRef")
                .put("fieldPath", "metadata.labels['" + COMPLETION_INDEX + "']");
    }

    /** {@code <job>-<index>-}, the job part cut so that the whole fits in a generated name. */
    static String generateNameWithIndex(String jobName, int index) {
        String suffix = "-" + index + "-";
        String prefix = jobName + suffix;
        return prefix.length() <= MAX_GENERATED_NAME_LENGTH ? prefix
                : prefix.substring(0, MAX_GENERATED_NAME_LENGTH - suffix.length()) + suffix;
    }

    /**
     * The active pods to delete (activePodsForRemoval): for an Indexed Job first those without a
     * valid index and all but one of each repeated index, then, until {@code atLeast} are chosen,
     * the pods furthest from running (controller.ActivePods order).
     */
    static List<StoredObject> forRemoval(JobSpec spec, List<StoredObject> active, int atLeast) {
        List<StoredObject> remove = new ArrayList<>();
        List<StoredObject> keep = new ArrayList<>();
        if (spec.indexed()) {
            List<StoredObject> byIndex = new ArrayList<>(active);
            byIndex.sort(Comparator.comparingInt(JobPods::completionIndex));
            for (int i = 0; i < byIndex.size(); ) {
                int index = completionIndex(byIndex.get(i));
                int j = i;
                while (j < byIndex.size() && completionIndex(byIndex.get(j)) == index) {
                    j++;
                }
                List<StoredObject> same = new ArrayList<>(byIndex.subList(i, j));
                if (index < 0 || index >= spec.completions()) {
                    remove.addAll(same);
                } else {
                    same.sort(ACTIVE_ORDER);
                    remove.addAll(same.subList(0, same.size() - 1));
                    keep.add(same.get(same.size() - 1));
                }
                i = j;
            }
        } else {
            keep.addAll(active);
        }
        if (remove.size() < atLeast) {
            keep.sort(ACTIVE_ORDER);
            remove.addAll(keep.subList(0, Math.min(keep.size(), atLeast - remove.size())));
        }
        return remove;
    }

    /**
     * controller.ActivePods: unscheduled before scheduled, Pending before Unknown before Running,
     * not ready before ready, ready more recently before longer, more restarts before fewer,
     * newer before older.
     */
    static final Comparator<StoredObject> ACTIVE_ORDER = Comparator
            .comparing((StoredObject p) -> Pods.nodeName(p.json()) != null)
            .thenComparingInt(p -> PHASE_ORDER.indexOf(Pods.phase(p.json())))
            .thenComparing(p -> Pods.isReady(p.json()))
            .thenComparing(p -> Pods.readySince(p.json()), Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(p -> -Pods.maxRestarts(p.json()))
            .thenComparing(p -> Instant.parse(Json.text(p.json(), "metadata", "creationTimestamp")),
                    Comparator.reverseOrder());
}
