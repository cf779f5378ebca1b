package dev.fakecluster.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.kinds.KindRegistry;
import java.util.List;
import mockwebserver3.MockResponse;

/**
 * API discovery: aggregated ({@code apidiscovery.k8s.io} v2 and v2beta1, negotiated on Accept) at
 * {@code /api} and {@code /apis}, and the legacy documents ({@code APIVersions},
 * {@code APIGroupList}, {@code APIGroup}, {@code APIResourceList}).
 */
final class Discovery {

    private static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch",
            "update", "watch");
    private static final List<String> SUBRESOURCE_VERBS = List.of("get", "patch", "update");

    private Discovery() {
    }

    /** {@code GET /api}. */
    static MockResponse core(Request request, ApiCatalog catalog, String serverAddress) {
        String aggregated = aggregatedVersion(request.header("Accept"));
        if (aggregated != null) {
            ArrayNode items = Json.array();
            items.add(group(catalog, "", true));
            return aggregatedList(items, aggregated);
        }
        ObjectNode n = Json.object();
        n.put("kind", "APIVersions");
        n.putArray("versions").add("v1");
        ObjectNode cidr = n.putArray("serverAddressByClientCIDRs").addObject();
        cidr.put("clientCIDR", "0.0.0.0/0");
        cidr.put("serverAddress", serverAddress);
        return Replies.json(200, n);
    }

    /** {@code GET /apis}. */
    static MockResponse groups(Request request, ApiCatalog catalog) {
        String aggregated = aggregatedVersion(request.header("Accept"));
        if (aggregated != null) {
            ArrayNode items = Json.array();
            catalog.groups().forEach(g -> items.add(group(catalog, g, true)));
            return aggregatedList(items, aggregated);
        }
        ObjectNode n = Json.object();
        n.put("kind", "APIGroupList");
        n.put("apiVersion", "v1");
        ArrayNode groups = n.putArray("groups");
        catalog.groups().forEach(g -> groups.add(group(catalog, g, false)));
        return Replies.json(200, n);
    }

    /** {@code GET /apis/<group>}. */
    static MockResponse group(ApiCatalog catalog, String group) {
        ObjectNode n = group(catalog, group, false);
        n.put("kind", "APIGroup");
        n.put("apiVersion", "v1");
        return Replies.json(200, n);
    }

    /** {@code GET /api/v1}, {@code GET /apis/<group>/<version>}. */
    static MockResponse resources(ApiCatalog catalog, String group, String version) {
        ObjectNode n = Json.object();
        n.put("kind", "APIResourceList");
        n.put("apiVersion", "v1");
        n.put("groupVersion", ApiCatalog.apiVersion(group, version));
        ArrayNode list = n.putArray("resources");
        for (KindInfo k : catalog.resources(group, version)) {
            boolean old = isOld(group, version, k);
            ObjectNode r = list.addObject();
            r.put("name", k.plural());
            r.put("singularName", k.singular());
            r.put("namespaced", k.namespaced());
            r.put("kind", k.kind());
            strings(r.putArray("verbs"), verbs(k));
            if (!old && !k.shortNames().isEmpty()) {
                strings(r.putArray("shortNames"), k.shortNames());
            }
            if (!old && !k.categories().isEmpty()) {
                strings(r.putArray("categories"), k.categories());
            }
            for (Subresource sub : subresources(group, version, k)) {
                ObjectNode s = list.addObject();
                s.put("name", k.plural() + "/" + sub.name());
                s.put("singularName", "");
                s.put("namespaced", k.namespaced());
                if (!sub.group().equals(group) || !sub.version().equals(version)) {
                    s.put("group", sub.group());
                    s.put("version", sub.version());
                }
                s.put("kind", sub.kind());
                strings(s.putArray("verbs"), sub.verbs());
            }
        }
        return Replies.json(200, n);
    }

    /** The aggregated-discovery version the Accept header asks for first, or null for the legacy documents. */
    static String aggregatedVersion(String accept) {
        for (String part : accept.split(",")) {
            String p = part.replace(" ", "");
            if (p.contains("as=APIGroupDiscoveryList") && p.contains("g=apidiscovery.k8s.io")) {
                if (p.contains("v=v2beta1")) {
                    return "v2beta1";
                }
                if (p.contains("v=v2;") || p.endsWith("v=v2")) {
                    return "v2";
                }
            } else if (p.startsWith("application/json") || p.startsWith("*/*")) {
                return null;
            }
        }
        return null;
    }

    private static MockResponse aggregatedList(ArrayNode items, String version) {
        ObjectNode n = Json.object();
        n.put("kind", "APIGroupDiscoveryList");
        n.put("apiVersion", "apidiscovery.k8s.io/" + version);
        n.putObject("metadata");
        n.set("items", items);
        return Replies.json(200, n, "application/json;g=apidiscovery.k8s.io;v=" + version + ";as=APIGroupDiscoveryList");
    }

    /** A group: aggregated ({@code APIGroupDiscovery}) or legacy ({@code APIGroup} without kind). */
    private static ObjectNode group(ApiCatalog catalog, String group, boolean aggregated) {
        List<String> versions = group.isEmpty() ? List.of("v1") : catalog.versions(group);
        ObjectNode n = Json.object();
        if (!aggregated) {
            n.put("name", group);
            ArrayNode vs = n.putArray("versions");
            for (String v : versions) {
                ObjectNode gv = vs.addObject();
                gv.put("groupVersion", ApiCatalog.apiVersion(group, v));
                gv.put("version", v);
            }
            n.set("preferredVersion", vs.get(0).deepCopy());
            return n;
        }
        ObjectNode meta = n.putObject("metadata");
        if (!group.isEmpty()) {
            meta.put("name", group);
        }
        ArrayNode vs = n.putArray("versions");
        for (String v : versions) {
            ObjectNode gv = vs.addObject();
            gv.put("version", v);
            ArrayNode resources = gv.putArray("resources");
            for (KindInfo k : catalog.resources(group, v)) {
                resources.add(aggregatedResource(group, v, k));
            }
            gv.put("freshness", "Current");
        }
        return n;
    }

    private static ObjectNode aggregatedResource(String group, String version, KindInfo k) {
        boolean old = isOld(group, version, k);
        ObjectNode r = Json.object();
        r.put("resource", k.plural());
        r.set("responseKind", kind(group, version, k.kind()));
        r.put("scope", k.namespaced() ? "Namespaced" : "Cluster");
        r.put("singularResource", k.singular());
        strings(r.putArray("verbs"), verbs(k));
        if (!old && !k.shortNames().isEmpty()) {
            strings(r.putArray("shortNames"), k.shortNames());
        }
        if (!old && !k.categories().isEmpty()) {
            strings(r.putArray("categories"), k.categories());
        }
        List<Subresource> subresources = subresources(group, version, k);
        if (!subresources.isEmpty()) {
            ArrayNode subs = r.putArray("subresources");
            for (Subresource sub : subresources) {
                ObjectNode s = subs.addObject();
                s.put("subresource", sub.name());
                s.set("responseKind", kind(sub.group(), sub.version(), sub.kind()));
                strings(s.putArray("verbs"), sub.verbs());
            }
        }
        return r;
    }

    /** Old built-in versions carry no short names or categories, so kubectl resolves those to the current version only. */
    private static boolean isOld(String group, String version, KindInfo k) {
        return KindRegistry.upgradedApiVersion(ApiCatalog.apiVersion(group, version), k.kind()) != null;
    }

    /**
     * A subresource as discovery lists it.
     *
     * @param name e.g. {@code status}
     * @param group the group of what it takes and returns
     * @param version that group's version
     * @param kind what it takes and returns, e.g. {@code Scale}
     * @param verbs what it supports
     */
    private record Subresource(String name, String group, String version, String kind, List<String> verbs) {
    }

    /** The subresources served for a kind at this group/version, by name as the API server lists them. */
    private static List<Subresource> subresources(String group, String version, KindInfo k) {
        List<Subresource> out = new java.util.ArrayList<>();
        boolean core = k.group().isEmpty();
        if (core && k.kind().equals("Pod")) {
            out.add(new Subresource("binding", "", "v1", "Binding", List.of("create")));
            out.add(new Subresource("eviction", "policy", "v1", "Eviction", List.of("create")));
            out.add(new Subresource("log", "", "v1", "Pod", List.of("get")));
        }
        if (core && k.kind().equals("Namespace")) {
            out.add(new Subresource("finalize", "", "v1", "Namespace", List.of("update")));
        }
        if (ApiCatalog.scalable(k)) {
            out.add(new Subresource("scale", "autoscaling", "v1", "Scale", SUBRESOURCE_VERBS));
        }
        if (k.statusSubresource()) {
            out.add(new Subresource("status", group, version, k.kind(), SUBRESOURCE_VERBS));
        }
        out.sort(java.util.Comparator.comparing(Subresource::name));
        return out;
    }

    private static List<String> verbs(KindInfo k) {
        return k.kind().equals("Namespace") && k.group().isEmpty()
                ? VERBS.stream().filter(v -> !v.equals("deletecollection")).toList() : VERBS;
    }

    private static ObjectNode kind(String group, String version, String kind) {
        ObjectNode n = Json.object();
        n.put("group", group);
        n.put("version", version);
        n.put("kind", kind);
        return n;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
