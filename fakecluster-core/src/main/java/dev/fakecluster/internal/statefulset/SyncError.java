package dev.fakecluster.internal.statefulset;

/** A step of a sync failed (the error upstream returns): the sync stops and is retried with back-off. */
final class SyncError extends RuntimeException {

    SyncError(String message) {
        super(message, null, false, false);
    }
}
