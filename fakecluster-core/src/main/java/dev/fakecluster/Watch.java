package dev.fakecluster;

/**
 * An open watch; close it to stop receiving events.
 *
 * @since 0.1
 */
public interface Watch extends AutoCloseable {

    /** Stops the watch; idempotent. */
    @Override
    void close();
}
