package dev.fakecluster.http;

import dev.fakecluster.ApiException;
import dev.fakecluster.internal.store.Change;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.store.WatchHub;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/**
 * A watch over plain HTTP: a chunked response body (HTTP/1.1; on HTTP/2 the frames delimit the
 * data), one JSON event per line, written by the
 * connection's thread as events arrive. Whoever delivers an event only queues it and wakes the
 * writer (no locks); a client that falls {@value #MAX_PENDING} events behind has its watch ended,
 * as the API server does with unresponsive watchers, so memory stays bounded. After a quiet
 * {@code keepAlive} the writer sends a BOOKMARK (when the client allows them) or a bare newline,
 * which JSON stream decoders skip: only a write tells that a client has gone away, so a watch
 * whose client was killed ends within two such periods instead of waiting for its timeout.
 */
final class WatchStream implements MockResponseBody, WatchFeed {

    static final int MAX_PENDING = 10_000;

    private final WatchEvents events;
    private final long timeoutNanos;
    private final long keepAliveNanos;
    private final boolean bookmarks;
    private final Runnable onEnd;
    private final boolean chunked;
    private final ConcurrentLinkedQueue<Object> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean finished;
    private volatile Thread writer;
    private volatile WatchHub.Subscription subscription;
    /** The resourceVersion of the last event written; only the writer touches it. */
    private long lastResourceVersion;

    /** An event as delivered, with the time it happened: a Table row's ages are measured then, not when it is written. */
    private record Pending(Change.Type type, StoredObject object, Instant at) {
    }

    WatchStream(WatchEvents events, WatchSpec spec, long startResourceVersion, Duration keepAlive, boolean chunked,
            Runnable onEnd) {
        this.events = events;
        this.chunked = chunked;
        this.timeoutNanos = spec.timeout().toNanos();
        this.keepAliveNanos = keepAlive.toNanos();
        this.bookmarks = spec.bookmarks();
        this.onEnd = onEnd;
        this.lastResourceVersion = startResourceVersion;
    }

    @Override
    public long getContentLength() {
        return -1;
    }

    @Override
    public void onEvent(Change.Type type, StoredObject object) {
        offer(new Pending(type, object, events.now()));
    }

    @Override
    public void onExpired(ApiException error) {
        offer(events.error(error));
        finish();
    }

    @Override
    public void send(String line) {
        offer(line);
    }

    @Override
    public void attach(WatchHub.Subscription s) {
        subscription = s;
        if (finished) {
            s.close();
        }
    }

    @Override
    public void finish() {
        finished = true;
        LockSupport.unpark(writer);
    }

    private void offer(Object item) {
        if (size.incrementAndGet() > MAX_PENDING) {
            finish();
            return;
        }
        pending.add(item);
        LockSupport.unpark(writer);
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        writer = Thread.currentThread();
        long start = System.nanoTime();
        long lastWrite = start;
        try {
            while (true) {
                boolean wrote = drain(sink);
                if (wrote) {
                    sink.flush();
                    lastWrite = System.nanoTime();
                }
                if (finished && pending.isEmpty()) {
                    break;
                }
                long now = System.nanoTime();
                if (now - start >= timeoutNanos) {
                    break;
                }
                if (now - lastWrite >= keepAliveNanos) {
                    chunk(sink, bookmarks ? events.bookmark(lastResourceVersion, false) : "");
                    sink.flush();
                    lastWrite = now;
                    wrote = true;
                }
                if (wrote) {
                    // A write can block on a lock (Okio's timeouts share one), and blocking uses up the
                    // unpark of an event offered meanwhile: look at the queue again before parking.
                    continue;
                }
                long wait = Math.min(timeoutNanos - (now - start), keepAliveNanos - (now - lastWrite));
                LockSupport.parkNanos(this, Math.max(wait, 1));
            }
            if (chunked) {
                sink.writeUtf8("0\r\n\r\n");
            }
        } finally {
            end();
        }
    }

    /** Writes what is queued; true when something was written. */
    private boolean drain(BufferedSink sink) throws IOException {
        boolean wrote = false;
        Object item;
        while ((item = pending.poll()) != null) {
            size.decrementAndGet();
            if (item instanceof Pending p) {
                chunk(sink, events.event(p.type().name(), p.object(), p.at()));
                lastResourceVersion = Math.max(lastResourceVersion, p.object().resourceVersion());
            } else {
                chunk(sink, (String) item);
            }
            wrote = true;
        }
        return wrote;
    }

    /** One line; an empty one is the keep-alive newline, which JSON stream decoders skip. */
    private void chunk(BufferedSink sink, String line) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (chunked) {
            sink.writeHexadecimalUnsignedLong(bytes.length).writeUtf8("\r\n").write(bytes).writeUtf8("\r\n");
        } else {
            sink.write(bytes);
        }
    }

    private void end() {
        if (ended.compareAndSet(false, true)) {
            finished = true;
            WatchHub.Subscription s = subscription;
            if (s != null) {
                s.close();
            }
            pending.clear();
            onEnd.run();
        }
    }
}
