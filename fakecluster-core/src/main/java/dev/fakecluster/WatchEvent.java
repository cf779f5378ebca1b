package dev.fakecluster;

/**
 * One event of a watch: what happened to which object.
 *
 * @param type ADDED, MODIFIED or DELETED
 * @param resource the object after the change (for DELETED, its last state)
 * @since 0.1
 */
public record WatchEvent(Type type, Resource resource) {

    /** The kinds of watch event. */
    public enum Type {
        /** The object was created, or started to match the watch's selector. */
        ADDED,
        /** The object changed and still matches. */
        MODIFIED,
        /** The object was deleted, or stopped matching the watch's selector. */
        DELETED
    }
}
