package dev.fakecluster.internal.statefulset;

import dev.fakecluster.internal.store.StoredObject;

/**
 * The revisions one sync works with.
 *
 * @param current the revision the set's pods are at ({@code status.currentRevision})
 * @param update the revision of the set's template now
 * @param collisionCount the hash collisions seen so far, for {@code status.collisionCount}
 */
record Revisions(StoredObject current, StoredObject update, int collisionCount) {
}
