package dev.fakecluster.internal.apiserver;

import dev.fakecluster.internal.kinds.KindInfo.Propagation;

/**
 * The options of a DELETE.
 *
 * @param gracePeriodSeconds null for the object's own default
 * @param propagation null for the kind's server-side default
 * @param preconditionUid when set, the object's uid must equal it
 * @param preconditionResourceVersion when set, the object's resourceVersion must equal it
 * @param dryRun validate only, change nothing
 */
public record DeleteOptions(Long gracePeriodSeconds, Propagation propagation, String preconditionUid,
        String preconditionResourceVersion, boolean dryRun) {

    /** Server defaults for everything. */
    public static DeleteOptions defaults() {
        return new DeleteOptions(null, null, null, null, false);
    }

    /** What kubectl sends by default: background propagation. */
    public static DeleteOptions propagation(Propagation p) {
        return new DeleteOptions(null, p, null, null, false);
    }

    public DeleteOptions withGracePeriod(long seconds) {
        return new DeleteOptions(seconds, propagation, preconditionUid, preconditionResourceVersion, dryRun);
    }
}
