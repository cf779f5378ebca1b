package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.Cluster;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.BufferedSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WatchTest {

    static final String CONFIGMAP = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"%s\",\"labels\":{\"app\":\"%s\"}}}";

    Cluster cluster;
    FakeApiServer server;
    Http http;

    @BeforeEach
    void start() {
        cluster = Cluster.builder().watchHistory(50).build();
        server = FakeApiServer.start(cluster);
        http = new Http(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
        cluster.close();
    }

    /** An open chunked watch, read line by line. */
    final class Stream implements AutoCloseable {
        final Response response;
        final BufferedSource source;

        Stream(String path, String accept) {
            okhttp3.Request.Builder b = new okhttp3.Request.Builder().url(server.url() + path);
            if (accept != null) {
                b.header("Accept", accept);
            }
            try {
                response = http.client.newCall(b.build()).execute();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            source = response.body().source();
        }

        /** The next event, or null when the server ended the stream. */
        JsonNode next() {
            try {
                String line;
                do {
                    line = source.readUtf8Line();
                } while (line != null && line.isBlank());
                return line == null ? null : Bodies.json(line);
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public void close() {
            response.close();
        }
    }

    static String describe(JsonNode event) {
        return event.path("type").asText() + " " + event.path("object").path("metadata").path("name").asText();
    }

    @Test
    void withoutAResourceVersionAWatchStartsWithTheCurrentObjects() {
        try (Stream s = new Stream("/api/v1/nodes?watch=true", null)) {
            assertThat(s.response.code()).isEqualTo(200);
            assertThat(s.response.header("Content-Type")).isEqualTo("application/json");
            assertThat(List.of(describe(s.next()), describe(s.next()), describe(s.next())))
                    .containsExactly("ADDED node1", "ADDED node2", "ADDED node3");

            cluster.node("node2").cordon();

            JsonNode modified = s.next();
            assertThat(describe(modified)).isEqualTo("MODIFIED node2");
            assertThat(modified.path("object").path("kind").asText()).isEqualTo("Node");
            assertThat(modified.path("object").path("spec").path("unschedulable").asBoolean()).isTrue();
        }
    }

    @Test
    void fromAResourceVersionOnlyLaterChangesMatchingTheSelectorArrive() {
        String rv = http.get("/api/v1/namespaces/default/configmaps").json().path("metadata").path("resourceVersion").asText();
        try (Stream s = new Stream("/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=" + rv
                + "&labelSelector=app%3Dweb", null)) {
            http.post("/api/v1/namespaces/default/configmaps", CONFIGMAP.formatted("other", "db"));
            http.post("/api/v1/namespaces/default/configmaps", CONFIGMAP.formatted("one", "web"));
            http.patch("/api/v1/namespaces/default/configmaps/one", Patches.MERGE_PATCH, "{\"data\":{\"k\":\"v\"}}");
            http.patch("/api/v1/namespaces/default/configmaps/other", Patches.MERGE_PATCH,
                    "{\"metadata\":{\"labels\":{\"app\":\"web\"}}}");
            http.delete("/api/v1/namespaces/default/configmaps/one", "{}");

            List<String> events = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                events.add(describe(s.next()));
            }
            assertThat(events).containsExactly("ADDED one", "MODIFIED one", "ADDED other", "DELETED one");
        }
    }

    @Test
    void aTooOldResourceVersionGets410InsideTheStream() {
        for (int i = 0; i < 60; i++) {
            cluster.apply(CONFIGMAP.formatted("cm" + i, "x"));
        }
        try (Stream s = new Stream("/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=2", null)) {
            assertThat(s.response.code()).isEqualTo(200);
            JsonNode error = s.next();
            assertThat(error.path("type").asText()).isEqualTo("ERROR");
            assertThat(error.path("object").path("kind").asText()).isEqualTo("Status");
            assertThat(error.path("object").path("code").asInt()).isEqualTo(410);
            assertThat(error.path("object").path("reason").asText()).isEqualTo("Expired");
            assertThat(error.path("object").path("message").asText()).startsWith("too old resource version: 2 (");
            assertThat(s.next()).as("the server ends the stream").isNull();
        }
    }

    @Test
    void timeoutSecondsEndsTheWatch() {
        try (Stream s = new Stream("/api/v1/namespaces/default/configmaps?watch=true&resourceVersion="
                + cluster.resourceVersion() + "&timeoutSeconds=1&allowWatchBookmarks=true", null)) {
            assertThat(s.next()).isNull();
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.openWatches() == 0);
    }

    @Test
    void tableWatchesSendOneRowTables() {
        try (Stream s = new Stream("/api/v1/nodes?watch=true&resourceVersion=" + cluster.resourceVersion(), Http.TABLE)) {
            cluster.node("node3").cordon();

            JsonNode event = s.next();
            assertThat(event.path("type").asText()).isEqualTo("MODIFIED");
            JsonNode table = event.path("object");
            assertThat(table.path("kind").asText()).isEqualTo("Table");
            assertThat(table.path("rows")).hasSize(1);
            assertThat(DiscoveryTest.texts(table.path("rows").get(0).path("cells")))
                    .startsWith("node3", "Ready,SchedulingDisabled");
        }
    }

    @Test
    void aTableRowsAgeIsMeasuredWhenTheChangeHappenedNotWhenTheRowIsWritten() {
        cluster.apply("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\"},"
                + "\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx\"}]}}");
        try (Stream s = new Stream("/api/v1/namespaces/default/pods?watch=true&resourceVersion=" + cluster.resourceVersion(),
                Http.TABLE)) {
            cluster.advance(Duration.ofMinutes(1));

            List<String> rows = new ArrayList<>();
            JsonNode event;
            do {
                event = s.next();
                List<String> cells = DiscoveryTest.texts(event.path("object").path("rows").get(0).path("cells"));
                rows.add(cells.get(2) + " " + cells.get(4));
            } while (!rows.get(rows.size() - 1).startsWith("Running"));
            assertThat(rows).as("STATUS and AGE of each change").containsExactly("Running 2s");
        }
    }

    @Test
    void sendInitialEventsEndsTheInitialStateWithABookmark() {
        Http.Reply rejected = http.get("/api/v1/nodes?watch=true&sendInitialEvents=true&allowWatchBookmarks=true");
        assertThat(rejected.code()).isEqualTo(422);
        assertThat(rejected.json().path("reason").asText()).isEqualTo("Invalid");

        try (Stream s = new Stream("/api/v1/nodes?watch=true&sendInitialEvents=true&allowWatchBookmarks=true"
                + "&resourceVersionMatch=NotOlderThan", null)) {
            for (int i = 0; i < 3; i++) {
                assertThat(s.next().path("type").asText()).isEqualTo("ADDED");
            }
            JsonNode bookmark = s.next();
            assertThat(bookmark.path("type").asText()).isEqualTo("BOOKMARK");
            assertThat(bookmark.path("object").path("metadata").path("annotations").path("k8s.io/initial-events-end").asText())
                    .isEqualTo("true");
            assertThat(bookmark.path("object").path("metadata").path("resourceVersion").asText())
                    .isEqualTo(cluster.resourceVersion());
        }
    }

    @Test
    void badSelectorsAreRejectedBeforeTheStreamOpens() {
        Http.Reply r = http.get("/api/v1/pods?watch=true&labelSelector=a%20in%20b");

        assertThat(r.code()).isEqualTo(400);
        assertThat(r.json().path("kind").asText()).isEqualTo("Status");
        assertThat(http.get("/api/v1/pods?watch=true&resourceVersion=abc").code()).isEqualTo(400);
    }

    @Test
    void legacyWatchPathWatchesOneObject() {
        http.post("/api/v1/namespaces/default/configmaps", CONFIGMAP.formatted("a", "x"));
        http.post("/api/v1/namespaces/default/configmaps", CONFIGMAP.formatted("b", "x"));
        try (Stream s = new Stream("/api/v1/watch/namespaces/default/configmaps/b", null)) {
            assertThat(describe(s.next())).isEqualTo("ADDED b");
            http.patch("/api/v1/namespaces/default/configmaps/a", Patches.MERGE_PATCH, "{\"data\":{\"k\":\"1\"}}");
            http.patch("/api/v1/namespaces/default/configmaps/b", Patches.MERGE_PATCH, "{\"data\":{\"k\":\"1\"}}");
            assertThat(describe(s.next())).isEqualTo("MODIFIED b");
        }
    }

    @Test
    void aWatchWhoseClientWentAwayEndsAtTheNextKeepAliveProbe() {
        try (Cluster other = Cluster.builder().build();
             FakeApiServer probing = FakeApiServer.builder().cluster(other).watchKeepAlive(Duration.ofMillis(100)).build().start()) {
            String rv = other.resourceVersion();
            okhttp3.Request request = new okhttp3.Request.Builder()
                    .url(probing.url() + "/api/v1/nodes?watch=true&resourceVersion=" + rv).build();
            try (Response response = http.client.newCall(request).execute()) {
                assertThat(response.body().source().readUtf8Line()).as("a keep-alive newline").isEmpty();
                assertThat(probing.openWatches()).isEqualTo(1);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> probing.openWatches() == 0);
        }
    }

    @Test
    void closingTheServerEndsOpenWatches() {
        try (Stream s = new Stream("/api/v1/nodes?watch=true&resourceVersion=" + cluster.resourceVersion(), null)) {
            assertThat(server.openWatches()).isEqualTo(1);

            server.close();

            assertThat(s.next()).isNull();
            assertThat(server.openWatches()).isZero();
        }
    }

    @Test
    void watchesAlsoRunOverWebSocketsOneEventPerMessage() throws InterruptedException {
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        BlockingQueue<String> ended = new LinkedBlockingQueue<>();
        WebSocket ws = http.client.newWebSocket(new okhttp3.Request.Builder()
                .url(server.url() + "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=" + cluster.resourceVersion())
                .build(), new WebSocketListener() {
                    @Override
                    public void onMessage(WebSocket webSocket, String text) {
                        messages.add(text);
                    }

                    @Override
                    public void onClosing(WebSocket webSocket, int code, String reason) {
                        ended.add("closed " + code);
                        webSocket.close(1000, null);
                    }

                    @Override
                    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                        ended.add("failed");
                    }
                });
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.openWatches() == 1);
            cluster.apply(CONFIGMAP.formatted("ws1", "x"));
            cluster.apply(CONFIGMAP.formatted("ws2", "x"));

            assertThat(describe(Bodies.json(messages.poll(10, TimeUnit.SECONDS)))).isEqualTo("ADDED ws1");
            assertThat(describe(Bodies.json(messages.poll(10, TimeUnit.SECONDS)))).isEqualTo("ADDED ws2");

            server.close();
            assertThat(ended.poll(10, TimeUnit.SECONDS)).as("the client learns that the watch ended").isNotNull();
            assertThat(server.openWatches()).isZero();
        } finally {
            ws.cancel();
        }
    }
}
