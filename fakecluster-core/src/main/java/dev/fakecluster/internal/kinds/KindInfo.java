package dev.fakecluster.internal.kinds;

import java.util.List;

/**
 * What the API server knows about one kind: its group/version, REST names and storage traits.
 *
 * @param group API group, "" for the core group
 * @param version the version objects are stored and served as
 * @param kind the Kind, e.g. {@code Deployment}
 * @param plural the resource name, e.g. {@code deployments}
 * @param singular e.g. {@code deployment}
 * @param shortNames kubectl short names, e.g. {@code deploy}
 * @param namespaced whether objects live in a namespace
 * @param categories e.g. {@code all}
 * @param statusSubresource whether status is written only through {@code /status}
 * @param tracksGeneration whether {@code metadata.generation} is kept (bumped on spec changes)
 * @param returnsDeletedObject whether an immediate DELETE answers with the object (else a Status)
 * @param defaultPropagation the server-side default when a DELETE names no propagation policy
 */
public record KindInfo(
        String group,
        String version,
        String kind,
        String plural,
        String singular,
        List<String> shortNames,
        boolean namespaced,
        List<String> categories,
        boolean statusSubresource,
        boolean tracksGeneration,
        boolean returnsDeletedObject,
        Propagation defaultPropagation) {

    public KindInfo {
        shortNames = List.copyOf(shortNames);
        categories = List.copyOf(categories);
    }

    /** {@code apps/v1}, or {@code v1} for the core group. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The resource as the API server names it in messages: {@code pods}, {@code deployments.apps}. */
    public String resource() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    /** The kind as Invalid messages name it: {@code Pod}, {@code Deployment.apps}. */
    public String qualifiedKind() {
        return group.isEmpty() ? kind : kind + "." + group;
    }

    /** How a DELETE treats dependents (ownerReferences). */
    public enum Propagation {
        /** Delete the owner now; the garbage collector deletes dependents afterwards. */
        BACKGROUND("Background"),
        /** Delete dependents first; the owner goes when the blocking ones are gone. */
        FOREGROUND("Foreground"),
        /** Keep dependents, removing their references to the owner. */
        ORPHAN("Orphan");

        private final String wireName;

        Propagation(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }
}
