package dev.fakecluster.internal.describe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.errors.Errors;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.store.StoredObject;
import java.time.Instant;
import java.util.Map;

/**
 * The text {@code kubectl describe} (1.32, k8s.io/kubectl/pkg/describe) prints for one object:
 * one describer per kind family, each writing kubectl's fields in kubectl's order through a
 * {@link DescribeWriter}, most ending with the object's Events.
 */
public final class Describer {

    /** A describer of one kind: writes the object, reading what else it needs through the lookup. */
    private interface KindDescriber {
        void describe(DescribeWriter w, JsonNode object, Lookup lookup);
    }

    private static final Map<String, KindDescriber> BY_KIND = Map.ofEntries(
            Map.entry("/Pod", PodDescriber::describe),
            Map.entry("apps/Deployment", WorkloadDescriber::deployment),
            Map.entry("apps/ReplicaSet", WorkloadDescriber::replicaSet),
            Map.entry("apps/DaemonSet", WorkloadDescriber::daemonSet),
            Map.entry("apps/StatefulSet", WorkloadDescriber::statefulSet),
            Map.entry("batch/Job", JobDescriber::job),
            Map.entry("batch/CronJob", JobDescriber::cronJob),
            Map.entry("/Service", ServiceDescriber::service),
            Map.entry("/Endpoints", ServiceDescriber::endpoints),
            Map.entry("/Node", NodeDescriber::describe),
            Map.entry("/Namespace", NamespaceDescriber::describe),
            Map.entry("/ConfigMap", ConfigMapDescriber::describe));

    private Describer() {
    }

    /**
     * The description of an object; {@code now} is the time ages are measured against.
     *
     * @throws dev.fakecluster.ApiException NotFound when there is no such object
     * @throws IllegalArgumentException for a kind no describer covers yet
     */
    public static String describe(ApiServer api, KindInfo kind, String namespace, String name, Instant now) {
        KindDescriber describer = BY_KIND.get(kind.group() + "/" + kind.kind());
        if (describer == null) {
            throw new IllegalArgumentException("describe does not cover " + kind.resource() + " yet; it covers pods,"
                    + " deployments, replicasets, daemonsets, statefulsets, jobs, cronjobs, services, endpoints, nodes,"
                    + " namespaces and configmaps");
        }
        StoredObject object = api.get(kind, namespace, name).orElseThrow(() -> Errors.notFound(kind, name));
        DescribeWriter w = new DescribeWriter();
        describer.describe(w, object.json(), new Lookup(api, now));
        return w.text();
    }
}
