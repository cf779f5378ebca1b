package dev.fakecluster.internal.store;

/**
 * One committed change, kept in the state's bounded history for watches and controllers.
 *
 * @param type what happened
 * @param resourceVersion the resourceVersion the change committed at
 * @param object the object after the change (for DELETED: its last state, at the deletion's resourceVersion)
 * @param previous the object before the change, or null when ADDED
 */
public record Change(Type type, long resourceVersion, StoredObject object, StoredObject previous) {

    /** The watch event types of a committed change. */
    public enum Type { ADDED, MODIFIED, DELETED }
}
