package dev.fakecluster.http;

import dev.fakecluster.ApiException;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.apiserver.ApiServer.ListResult;
import dev.fakecluster.internal.store.Change;
import dev.fakecluster.internal.store.StoredObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;

/**
 * Serves watch requests over chunked HTTP or WebSocket: the initial state as ADDED events when no
 * resourceVersion is given, then every change after the start point; a start point older than the
 * history gets a 410 ERROR event inside the stream. Keeps the open watches so that closing the
 * server ends them.
 */
final class Watches implements AutoCloseable {

    private final ApiServer api;
    private final Runnable settle;
    private final Supplier<Instant> now;
    private final Duration keepAlive;
    private final Set<WatchFeed> open = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor timeouts = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "fakecluster-watch-timeouts");
        t.setDaemon(true);
        return t;
    });

    /** {@code keepAlive}: how long a chunked watch may stay silent before the server probes its client. */
    Watches(ApiServer api, Runnable settle, Supplier<Instant> now, Duration keepAlive) {
        this.api = api;
        this.settle = settle;
        this.now = now;
        this.keepAlive = keepAlive;
        timeouts.setRemoveOnCancelPolicy(true);
    }

    MockResponse serve(Request request, ResourcePath path) {
        WatchSpec spec = WatchSpec.parse(request, path);
        WatchEvents events = new WatchEvents(path, request.wantsTable(), now);
        if (request.wantsWebSocket()) {
            AtomicReference<ScheduledFuture<?>> timeout = new AtomicReference<>();
            WatchFeed[] self = new WatchFeed[1];
            WebSocketWatch ws = new WebSocketWatch(events, feed -> start(spec, events, feed), () -> {
                open.remove(self[0]);
                ScheduledFuture<?> t = timeout.get();
                if (t != null) {
                    t.cancel(false);
                }
            });
            self[0] = ws;
            open.add(ws);
            timeout.set(timeouts.schedule(ws::finish, spec.timeout().toMillis(), TimeUnit.MILLISECONDS));
            return new MockResponse.Builder().webSocketUpgrade(ws).build();
        }
        WatchFeed[] self = new WatchFeed[1];
        long startRv = spec.from() != null ? spec.from() : api.state().resourceVersion();
        WatchStream stream = new WatchStream(events, spec, startRv, keepAlive, !request.http2(),
                () -> open.remove(self[0]));
        self[0] = stream;
        open.add(stream);
        start(spec, events, stream);
        MockResponse.Builder response = new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", Replies.JSON)
                .setHeader("Cache-Control", "no-cache, private")
                .body(stream)
                .removeHeader("Content-Length");
        return (request.http2() ? response : response.setHeader("Transfer-Encoding", "chunked")).build();
    }

    /** Sends the initial state if asked, subscribes, and lets pending changes flow. */
    private void start(WatchSpec spec, WatchEvents events, WatchFeed feed) {
        try {
            long from;
            if (spec.from() == null) {
                ListResult list = api.list(spec.kind(), spec.namespace(), spec.labelSelector(), spec.fieldSelector());
                for (StoredObject o : list.items()) {
                    feed.onEvent(Change.Type.ADDED, o);
                }
                from = list.resourceVersion();
                if (spec.sendInitialEvents()) {
                    feed.send(events.bookmark(from, true));
                }
            } else {
                from = spec.from();
            }
            feed.attach(api.watch(spec.kind(), spec.namespace(), spec.labelSelector(), spec.fieldSelector(),
                    Long.toString(from), feed));
        } catch (ApiException e) {
            feed.onExpired(e);
            return;
        }
        settle.run();
    }

    /** Number of watches open. */
    int size() {
        return open.size();
    }

    /** Ends every open watch, as their timeouts would; clients that want more watch again. */
    void endAll() {
        open.forEach(WatchFeed::finish);
    }

    @Override
    public void close() {
        endAll();
        timeouts.shutdownNow();
    }
}
