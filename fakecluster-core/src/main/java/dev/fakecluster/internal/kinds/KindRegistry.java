package dev.fakecluster.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo.Propagation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The kinds a cluster serves: the built-ins plus those defined by CustomResourceDefinitions. An
 * immutable value; a new CRD yields a new registry (kept in the cluster state).
 */
public final class KindRegistry {

    private static final KindRegistry BUILT_INS = new KindRegistry(BuiltInKinds.ALL, Map.of());

    private final List<KindInfo> kinds;
    /** Extra served versions of custom kinds, keyed by resource ({@code plural.group}). */
    private final Map<String, Set<String>> servedVersions;
    private final Map<String, KindInfo> byGroupKind = new LinkedHashMap<>();
    private final Map<String, KindInfo> byResource = new LinkedHashMap<>();

    private KindRegistry(List<KindInfo> kinds, Map<String, Set<String>> servedVersions) {
        this.kinds = List.copyOf(kinds);
        this.servedVersions = Map.copyOf(servedVersions);
        for (KindInfo k : this.kinds) {
            byGroupKind.put(k.group() + "/" + k.kind(), k);
            byResource.put(k.resource(), k);
        }
    }

    /** The registry of a cluster without custom resources. */
    public static KindRegistry builtIns() {
        return BUILT_INS;
    }

    /** The built-ins plus the kinds the given CustomResourceDefinition objects define. */
    public static KindRegistry withDefinitions(Iterable<JsonNode> crds) {
        List<KindInfo> all = new ArrayList<>(BuiltInKinds.ALL);
        Map<String, Set<String>> served = new LinkedHashMap<>();
        for (JsonNode crd : crds) {
            KindInfo info = fromDefinition(crd);
            if (info == null) {
                continue;
            }
            all.add(info);
            Set<String> versions = new TreeSet<>();
            for (JsonNode v : Json.arrayAt(crd, "spec", "versions")) {
                if (v.path("served").asBoolean(true)) {
                    versions.add(v.path("name").asText());
                }
            }
            served.put(info.resource(), versions);
        }
        return new KindRegistry(all, served);
    }

    private static KindInfo fromDefinition(JsonNode crd) {
        JsonNode spec = crd.path("spec");
        JsonNode names = spec.path("names");
        String group = spec.path("group").asText("");
        String kind = names.path("kind").asText("");
        String plural = names.path("plural").asText("");
        if (group.isEmpty() || kind.isEmpty() || plural.isEmpty()) {
            return null;
        }
        String storage = null;
        boolean status = false;
        for (JsonNode v : Json.arrayAt(spec, "versions")) {
            if (storage == null || v.path("storage").asBoolean(false)) {
                storage = v.path("name").asText();
                status = v.path("subresources").has("status");
            }
        }
        if (storage == null) {
            return null;
        }
        List<String> shortNames = new ArrayList<>();
        names.path("shortNames").forEach(s -> shortNames.add(s.asText()));
        List<String> categories = new ArrayList<>();
        names.path("categories").forEach(s -> categories.add(s.asText()));
        String singular = names.path("singular").asText(kind.toLowerCase(Locale.ROOT));
        boolean namespaced = !"Cluster".equals(spec.path("scope").asText("Namespaced"));
        return new KindInfo(group, storage, kind, plural, singular, shortNames, namespaced, categories, status, true, true,
                Propagation.BACKGROUND);
    }

    public List<KindInfo> all() {
        return kinds;
    }

    /**
     * The kind for an object's {@code apiVersion} and {@code kind}, accepting the served versions
     * only (see {@link #upgradedApiVersion} for old ones).
     */
    public Optional<KindInfo> forObject(String apiVersion, String kind) {
        if (apiVersion == null || kind == null) {
            return Optional.empty();
        }
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        KindInfo k = byGroupKind.get(group + "/" + kind);
        if (k == null) {
            return Optional.empty();
        }
        boolean served = k.version().equals(version)
                || servedVersions.getOrDefault(k.resource(), Set.of()).contains(version);
        return served ? Optional.of(k) : Optional.empty();
    }

    /** The current apiVersion an old one (e.g. {@code extensions/v1beta1}) is stored as, or null. */
    public static String upgradedApiVersion(String apiVersion, String kind) {
        return BuiltInKinds.OLD_VERSIONS.get(apiVersion + "/" + kind);
    }

    /** The kind for a resource name such as {@code pods} or {@code deployments.apps}. */
    public Optional<KindInfo> forResource(String resource) {
        return Optional.ofNullable(byResource.get(resource));
    }

    /**
     * Resolves a name the way kubectl does: Kind, plural, singular or short name, case-insensitive,
     * optionally qualified with the group ({@code deployments.apps}).
     */
    public Optional<KindInfo> resolve(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        String group = null;
        int dot = n.indexOf('.');
        if (dot > 0) {
            group = n.substring(dot + 1);
            n = n.substring(0, dot);
        }
        for (KindInfo k : kinds) {
            if (group != null && !group.equals(k.group())) {
                continue;
            }
            if (n.equals(k.plural()) || n.equals(k.singular()) || n.equals(k.kind().toLowerCase(Locale.ROOT))
                    || k.shortNames().contains(n)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
