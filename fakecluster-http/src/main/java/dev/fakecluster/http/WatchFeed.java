package dev.fakecluster.http;

import dev.fakecluster.internal.store.WatchHub;

/** Where one watch's events go: a chunked HTTP stream or a WebSocket. */
interface WatchFeed extends WatchHub.Listener {

    /** Sends an event already rendered (a bookmark). */
    void send(String line);

    /** Hands over the subscription, closed when the feed ends. */
    void attach(WatchHub.Subscription subscription);

    /** Ends the watch (timeout, server shutdown, expiry); idempotent. */
    void finish();
}
