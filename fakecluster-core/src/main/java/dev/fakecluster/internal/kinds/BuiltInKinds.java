package dev.fakecluster.internal.kinds;

import dev.fakecluster.internal.kinds.KindInfo.Propagation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The built-in kinds the fake serves, with the names and traits of the real API server. */
final class BuiltInKinds {

    private BuiltInKinds() {
    }

    static final List<KindInfo> ALL;

    /**
     * Old group/versions accepted on input and stored as the current version, keyed by
     * {@code apiVersion + "/" + kind}.
     */
    static final Map<String, String> OLD_VERSIONS = Map.ofEntries(
            Map.entry("extensions/v1beta1/Deployment", "apps/v1"),
            Map.entry("extensions/v1beta1/DaemonSet", "apps/v1"),
            Map.entry("extensions/v1beta1/ReplicaSet", "apps/v1"),
            Map.entry("extensions/v1beta1/NetworkPolicy", "networking.k8s.io/v1"),
            Map.entry("apps/v1beta1/Deployment", "apps/v1"),
            Map.entry("apps/v1beta1/StatefulSet", "apps/v1"),
            Map.entry("apps/v1beta2/Deployment", "apps/v1"),
            Map.entry("apps/v1beta2/DaemonSet", "apps/v1"),
            Map.entry("apps/v1beta2/ReplicaSet", "apps/v1"),
            Map.entry("apps/v1beta2/StatefulSet", "apps/v1"),
            Map.entry("batch/v2alpha1/CronJob", "batch/v1"),
            Map.entry("batch/v1beta1/CronJob", "batch/v1"),
            Map.entry("policy/v1beta1/PodDisruptionBudget", "policy/v1"));

    static {
        List<KindInfo> k = new ArrayList<>();
        // core, namespaced
        k.add(kind("", "v1", "Pod", "pods", List.of("po"), true, List.of("all"), true, false, true));
        k.add(kind("", "v1", "Service", "services", List.of("svc"), true, List.of("all"), true, false, true));
        k.add(kind("", "v1", "Endpoints", "endpoints", List.of("ep"), true, List.of(), false, false, false));
        k.add(kind("", "v1", "Event", "events", List.of("ev"), true, List.of(), false, false, false));
        k.add(kind("", "v1", "ConfigMap", "configmaps", List.of("cm"), true, List.of(), false, false, false));
        k.add(kind("", "v1", "Secret", "secrets", List.of(), true, List.of(), false, false, false));
        k.add(kind("", "v1", "ServiceAccount", "serviceaccounts", List.of("sa"), true, List.of(), false, false, true));
        k.add(kind("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", List.of("pvc"), true, List.of(), true, false, false));
        k.add(kind("", "v1", "ReplicationController", "replicationcontrollers", List.of("rc"), true, List.of("all"), true, true, false,
                Propagation.ORPHAN));
        k.add(kind("", "v1", "ResourceQuota", "resourcequotas", List.of("quota"), true, List.of(), true, false, false));
        k.add(kind("", "v1", "LimitRange", "limitranges", List.of("limits"), true, List.of(), false, false, false));
        // core, cluster-scoped
        k.add(kind("", "v1", "Namespace", "namespaces", List.of("ns"), false, List.of(), true, false, false));
        k.add(kind("", "v1", "Node", "nodes", List.of("no"), false, List.of(), true, false, false));
        k.add(kind("", "v1", "PersistentVolume", "persistentvolumes", List.of("pv"), false, List.of(), true, false, false));
        // apps
        k.add(kind("apps", "v1", "Deployment", "deployments", List.of("deploy"), true, List.of("all"), true, true, false));
        k.add(kind("apps", "v1", "ReplicaSet", "replicasets", List.of("rs"), true, List.of("all"), true, true, false));
        k.add(kind("apps", "v1", "DaemonSet", "daemonsets", List.of("ds"), true, List.of("all"), true, true, false));
        k.add(kind("apps", "v1", "StatefulSet", "statefulsets", List.of("sts"), true, List.of("all"), true, true, false));
        k.add(kind("apps", "v1", "ControllerRevision", "controllerrevisions", List.of(), true, List.of(), false, false, false));
        // batch: a Job deleted without a policy orphans its pods (batch/v1 default)
        k.add(kind("batch", "v1", "Job", "jobs", List.of(), true, List.of("all"), true, true, false, Propagation.ORPHAN));
        k.add(kind("batch", "v1", "CronJob", "cronjobs", List.of("cj"), true, List.of("all"), true, true, false));
        // others
        k.add(kind("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", List.of("hpa"), true,
                List.of("all"), true, false, false));
        k.add(kind("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", List.of(), true, List.of(), false, false, false));
        k.add(kind("coordination.k8s.io", "v1", "Lease", "leases", List.of(), true, List.of(), false, false, false));
        k.add(kind("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", List.of("pdb"), true, List.of(), true, true,
                false));
        k.add(kind("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", List.of("netpol"), true, List.of(), false,
                true, false));
        k.add(kind("networking.k8s.io", "v1", "Ingress", "ingresses", List.of("ing"), true, List.of(), true, true, false));
        k.add(kind("storage.k8s.io", "v1", "StorageClass", "storageclasses", List.of("sc"), false, List.of(), false, false,
                true));
        k.add(kind("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions",
                List.of("crd", "crds"), false, List.of(), true, true, false));
        ALL = List.copyOf(k);
    }

    private static KindInfo kind(String group, String version, String kind, String plural, List<String> shortNames,
            boolean namespaced, List<String> categories, boolean status, boolean generation, boolean returnsDeleted) {
        return kind(group, version, kind, plural, shortNames, namespaced, categories, status, generation, returnsDeleted,
                Propagation.BACKGROUND);
    }

    private static KindInfo kind(String group, String version, String kind, String plural, List<String> shortNames,
            boolean namespaced, List<String> categories, boolean status, boolean generation, boolean returnsDeleted,
            Propagation propagation) {
        return new KindInfo(group, version, kind, plural, kind.toLowerCase(java.util.Locale.ROOT), shortNames, namespaced,
                categories, status, generation, returnsDeleted, propagation);
    }
}
