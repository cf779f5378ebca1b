package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import okio.Buffer;
import okio.Okio;
import okio.Sink;
import okio.Timeout;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class WatchStreamTest {

    /** Long enough that only an event, never a keep-alive or the timeout, can wake the writer during the test. */
    static final Duration HOUR = Duration.ofHours(1);

    @Test
    void anEventOfferedWhileTheWriterIsBlockedInAWriteIsStillSent() throws Exception {
        WatchSpec spec = new WatchSpec(null, null, null, null, null, false, false, HOUR);
        WatchStream stream = new WatchStream(new WatchEvents(new ResourcePath("", "v1", null, null, null, null, false),
                false, Instant::now), spec, 0, HOUR, false, () -> { });
        // The first flush blocks the way a contended lock does: while it waits an event arrives, and
        // the wake-up meant for the writer is spent on that wait.
        BlockingOnceSink socket = new BlockingOnceSink(() -> {
            Thread deliverer = new Thread(() -> stream.send("second"));
            deliverer.start();
            join(deliverer);
            LockSupport.park();
        });
        stream.send("first");
        Thread writer = new Thread(() -> {
            try (var sink = Okio.buffer(socket)) {
                stream.writeTo(sink);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        writer.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(socket.text()).isEqualTo("first\nsecond\n"));
        } finally {
            stream.finish();
            writer.join();
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Records what is written; its first flush runs {@code onFirstFlush}. */
    private static final class BlockingOnceSink implements Sink {
        private final StringBuffer received = new StringBuffer();
        private Runnable onFirstFlush;

        BlockingOnceSink(Runnable onFirstFlush) {
            this.onFirstFlush = onFirstFlush;
        }

        String text() {
            return received.toString();
        }

        @Override
        public void write(Buffer source, long byteCount) throws EOFException {
            received.append(source.readUtf8(byteCount));
        }

        @Override
        public void flush() {
            Runnable r = onFirstFlush;
            onFirstFlush = null;
            if (r != null) {
                r.run();
            }
        }

        @Override
        public Timeout timeout() {
            return Timeout.NONE;
        }

        @Override
        public void close() {
        }
    }
}
