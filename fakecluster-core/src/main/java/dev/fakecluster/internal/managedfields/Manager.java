package dev.fakecluster.internal.managedfields;

/**
 * Who writes, as {@code metadata.managedFields} records it.
 *
 * @param name the field manager ({@code kubectl-client-side-apply}, {@code kubectl}, ...)
 * @param apiVersion the group/version the request was made in, e.g. {@code apps/v1}; null for the
 *     object's own
 * @param subresource {@code status}, {@code scale}, or "" for the object itself
 */
public record Manager(String name, String apiVersion, String subresource) {

    public Manager {
        subresource = subresource == null ? "" : subresource;
    }

    /** This manager, in {@code version} when it names none. */
    public Manager orVersion(String version) {
        return apiVersion == null ? new Manager(name, version, subresource) : this;
    }
}
