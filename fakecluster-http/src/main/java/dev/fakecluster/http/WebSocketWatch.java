package dev.fakecluster.http;

import dev.fakecluster.ApiException;
import dev.fakecluster.internal.store.Change;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.store.WatchHub;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * A watch over a WebSocket, as the fabric8 client opens every watch: one event per text message.
 * The watch starts when the upgrade completes; the WebSocket's own bounded outgoing queue keeps
 * memory flat (a client that falls 16 MiB behind is disconnected).
 */
final class WebSocketWatch extends WebSocketListener implements WatchFeed {

    private final WatchEvents events;
    private final Consumer<WatchFeed> start;
    private final Runnable onEnd;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile WebSocket socket;
    private volatile WatchHub.Subscription subscription;

    WebSocketWatch(WatchEvents events, Consumer<WatchFeed> start, Runnable onEnd) {
        this.events = events;
        this.start = start;
        this.onEnd = onEnd;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        socket = webSocket;
        if (ended.get()) {
            webSocket.close(1000, null);
            return;
        }
        start.accept(this);
    }

    @Override
    public void onEvent(Change.Type type, StoredObject object) {
        send(events.event(type.name(), object));
    }

    @Override
    public void onExpired(ApiException error) {
        send(events.error(error));
        finish();
    }

    @Override
    public void send(String line) {
        WebSocket ws = socket;
        if (ws != null && !ws.send(line)) {
            finish();
        }
    }

    @Override
    public void attach(WatchHub.Subscription s) {
        subscription = s;
        if (ended.get()) {
            s.close();
        }
    }

    @Override
    public void finish() {
        if (ended.compareAndSet(false, true)) {
            WatchHub.Subscription s = subscription;
            if (s != null) {
                s.close();
            }
            WebSocket ws = socket;
            if (ws != null) {
                ws.close(1000, null);
            }
            onEnd.run();
        }
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        finish();
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        finish();
    }
}
