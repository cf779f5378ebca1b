package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.kinds.KindRegistry;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Which group/versions and resources the server serves: the cluster's kinds at their current
 * version, CRD kinds at every served version, and the old built-in versions that tutorials'
 * manifests use ({@code extensions/v1beta1}, {@code apps/v1beta1}, ...), after the current ones so
 * that kubectl prefers the current.
 */
final class ApiCatalog {

    /** Old group/versions still accepted on input; the core decides which kinds each one had. */
    private static final List<String> OLD_GROUP_VERSIONS = List.of("apps/v1beta2", "apps/v1beta1", "batch/v1beta1",
            "batch/v2alpha1", "policy/v1beta1", "extensions/v1beta1");
    private static final Set<String> SCALABLE = Set.of("deployments.apps", "replicasets.apps", "statefulsets.apps",
            "replicationcontrollers");
    private static final String CRDS = "customresourcedefinitions.apiextensions.k8s.io";

    private static final AtomicReference<ApiCatalog> LAST = new AtomicReference<>();

    private final KindRegistry registry;
    /** group -> version -> resources, both in preference order; "" is the core group. */
    private final Map<String, Map<String, List<KindInfo>>> served;
    /** CRD-defined resource -> served version -> its {@code openAPIV3Schema} (missing when none). */
    private final Map<String, Map<String, JsonNode>> customSchemas;

    private ApiCatalog(KindRegistry registry, Map<String, Map<String, List<KindInfo>>> served,
            Map<String, Map<String, JsonNode>> customSchemas) {
        this.registry = registry;
        this.served = served;
        this.customSchemas = customSchemas;
    }

    /** The catalog of a state; computed once per set of kinds (the registry is an immutable value). */
    static ApiCatalog of(ClusterState state) {
        ApiCatalog last = LAST.get();
        if (last != null && last.registry == state.kinds()) {
            return last;
        }
        ApiCatalog next = build(state);
        LAST.set(next);
        return next;
    }

    private static ApiCatalog build(ClusterState state) {
        KindRegistry registry = state.kinds();
        Map<String, Map<String, List<KindInfo>>> served = new LinkedHashMap<>();
        served.put("", new LinkedHashMap<>());
        Map<String, Map<String, JsonNode>> crdVersions = crdVersions(state);
        for (KindInfo k : registry.all()) {
            List<String> versions = new ArrayList<>(List.of(k.version()));
            crdVersions.getOrDefault(k.resource(), Map.of()).keySet().stream().filter(v -> !versions.contains(v))
                    .forEach(versions::add);
            for (String v : versions) {
                add(served, k.group(), v, k);
            }
        }
        for (String gv : OLD_GROUP_VERSIONS) {
            int slash = gv.indexOf('/');
            for (KindInfo k : registry.all()) {
                if (k.apiVersion().equals(KindRegistry.upgradedApiVersion(gv, k.kind()))) {
                    add(served, gv.substring(0, slash), gv.substring(slash + 1), k);
                }
            }
        }
        return new ApiCatalog(registry, served, crdVersions);
    }

    private static void add(Map<String, Map<String, List<KindInfo>>> served, String group, String version, KindInfo k) {
        served.computeIfAbsent(group, g -> new LinkedHashMap<>()).computeIfAbsent(version, v -> new ArrayList<>()).add(k);
    }

    /** Served versions of each CRD-defined resource, in the CRD's order, with their schemas, from the CRD objects. */
    private static Map<String, Map<String, JsonNode>> crdVersions(ClusterState state) {
        Map<String, Map<String, JsonNode>> out = new LinkedHashMap<>();
        for (StoredObject crd : state.list(CRDS, null)) {
            JsonNode spec = crd.json().path("spec");
            String resource = spec.path("names").path("plural").asText() + "." + spec.path("group").asText();
            Map<String, JsonNode> versions = new LinkedHashMap<>();
            for (JsonNode v : Json.arrayAt(spec, "versions")) {
                if (v.path("served").asBoolean(true)) {
                    versions.put(v.path("name").asText(), v.path("schema").path("openAPIV3Schema"));
                }
            }
            out.put(resource, versions);
        }
        return out;
    }

    /** The API groups other than core, in preference order. */
    List<String> groups() {
        return served.keySet().stream().filter(g -> !g.isEmpty()).toList();
    }

    /** The versions of a group, preferred first. */
    List<String> versions(String group) {
        return List.copyOf(served.getOrDefault(group, Map.of()).keySet());
    }

    /** The resources of a group/version; empty when it is not served. */
    List<KindInfo> resources(String group, String version) {
        return served.getOrDefault(group, Map.of()).getOrDefault(version, List.of());
    }

    /** The kind served as {@code plural} in a group/version. */
    Optional<KindInfo> find(String group, String version, String plural) {
        return resources(group, version).stream().filter(k -> k.plural().equals(plural)).findFirst();
    }

    /** A CRD-defined kind's {@code openAPIV3Schema} at a served version; a missing node when it declares none or is built in. */
    JsonNode customSchema(KindInfo k, String version) {
        return customSchemas.getOrDefault(k.resource(), Map.of()).getOrDefault(version, MissingNode.getInstance());
    }

    boolean serves(String group, String version) {
        return !resources(group, version).isEmpty();
    }

    /** Whether the kind has the {@code scale} subresource. */
    static boolean scalable(KindInfo k) {
        return SCALABLE.contains(k.resource());
    }

    /** Whether the kind is built in (list items then carry no kind/apiVersion, as the API server writes them). */
    static boolean builtIn(KindInfo k) {
        return KindRegistry.builtIns().forResource(k.resource()).isPresent();
    }

    /** {@code apps/v1}, or {@code v1} for the core group. */
    static String apiVersion(String group, String version) {
        return group.isEmpty() ? version : group + "/" + version;
    }
}
