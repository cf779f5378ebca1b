package dev.fakecluster.http;

import dev.fakecluster.internal.kinds.KindInfo;
import java.util.List;
import java.util.Set;

/**
 * A parsed resource URL: {@code /api/v1/namespaces/default/pods/web/status} or
 * {@code /apis/apps/v1/deployments}, with the legacy {@code /watch/} prefix understood.
 *
 * @param group the API group ("" for core)
 * @param version the version in the URL (maybe an old one such as {@code extensions/v1beta1}'s)
 * @param kind the kind served there
 * @param namespace the namespace, or null (cluster-scoped, or a list across namespaces)
 * @param name the object's name, or null for the collection
 * @param subresource {@code status}, {@code scale}, ..., or null
 * @param legacyWatch whether the URL used the {@code /watch/} prefix
 */
record ResourcePath(String group, String version, KindInfo kind, String namespace, String name, String subresource,
        boolean legacyWatch) {

    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    /** Parses the segments after {@code /api/<v>} or {@code /apis/<g>/<v>}; a 404 Status when nothing is served there. */
    static ResourcePath parse(ApiCatalog catalog, String group, String version, List<String> rest) {
        boolean watch = !rest.isEmpty() && rest.get(0).equals("watch");
        List<String> r = watch ? rest.subList(1, rest.size()) : rest;
        if (r.isEmpty()) {
            throw Statuses.pathNotFound();
        }
        String namespace = null;
        List<String> tail = r;
        boolean namespaceItself = r.get(0).equals("namespaces") && group.isEmpty()
                && (r.size() <= 2 || r.size() == 3 && NAMESPACE_SUBRESOURCES.contains(r.get(2)));
        if (r.get(0).equals("namespaces") && r.size() >= 3 && !namespaceItself) {
            namespace = r.get(1);
            tail = r.subList(2, r.size());
        }
        if (tail.size() > 3) {
            throw Statuses.pathNotFound();
        }
        KindInfo kind = catalog.find(group, version, tail.get(0)).orElseThrow(Statuses::pathNotFound);
        String name = tail.size() > 1 ? tail.get(1) : null;
        String sub = tail.size() > 2 ? tail.get(2) : null;
        if (namespace != null && !kind.namespaced()) {
            throw Statuses.pathNotFound();
        }
        if (kind.namespaced() && namespace == null && name != null) {
            throw Statuses.pathNotFound();
        }
        return new ResourcePath(group, version, kind, namespace, name, sub, watch);
    }

    /** {@code apps/v1}: the apiVersion objects are served as at this URL. */
    String apiVersion() {
        return ApiCatalog.apiVersion(group, version);
    }

    /** The namespace writes default to: the URL's, else {@code default}. */
    String namespaceOrDefault() {
        return namespace == null ? "default" : namespace;
    }
}
