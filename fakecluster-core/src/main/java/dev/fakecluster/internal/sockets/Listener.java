package dev.fakecluster.internal.sockets;

import dev.fakecluster.ConnectionFailedException;
import dev.fakecluster.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * One real HTTP listener on 127.0.0.1 whose requests are answered inside the cluster. A request
 * the cluster cannot deliver ({@link ConnectionFailedException}) closes the connection without an
 * answer, which is what a client of a dropped or refused connection sees closest to.
 */
public final class Listener implements AutoCloseable {

    /** What a listener does with each request it reads. */
    @FunctionalInterface
    public interface Handler {

        /** Answers one request; {@code target} is the path with its query. */
        Reply handle(String method, String target, Map<String, String> headers, String body);
    }

    private final MockWebServer server = new MockWebServer();

    private Listener(Handler handler) {
        server.setServerSocketFactory(new NoDelaySockets());
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                drainRecord(server);
                return answer(handler, request);
            }
        });
    }

    /**
     * Listens on {@code 127.0.0.1:port} (0 for any free port).
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static Listener open(int port, Handler handler) {
        Listener listener = new Listener(handler);
        try {
            listener.server.start(InetAddress.getLoopbackAddress(), port);
        } catch (IOException e) {
            listener.close();
            throw new UncheckedIOException("listen tcp 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        return listener;
    }

    /** Empties MockWebServer's record of the requests it read, which would otherwise grow with every one. */
    public static void drainRecord(MockWebServer server) throws InterruptedException {
        while (server.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
            // nobody reads the record: drop it
        }
    }

    /** The port listened on. */
    public int port() {
        return server.getPort();
    }

    private static MockResponse answer(Handler handler, RecordedRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.getHeaders().forEach(h -> headers.merge(h.getFirst(), h.getSecond(), (a, b) -> a + ", " + b));
        String body = request.getBody() == null ? "" : request.getBody().string(StandardCharsets.UTF_8);
        try {
            Reply reply = handler.handle(request.getMethod(), request.getTarget(), headers, body);
            MockResponse.Builder response = new MockResponse.Builder().code(reply.status());
            reply.headers().forEach((name, value) -> {
                if (!name.equalsIgnoreCase("Content-Length")) {
                    response.setHeader(name, value);
                }
            });
            return response.body(reply.body()).build();
        } catch (ConnectionFailedException e) {
            return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
