package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.Cluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plain fabric8 watches (each a WebSocket) against the server: start points, selectors, one object, 410. */
class Fabric8WatchTest {

    static final String CONFIGMAP = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"%s\","
            + "\"labels\":{\"tier\":\"%s\"}},\"data\":{\"k\":\"%s\"}}";

    Cluster cluster;
    FakeApiServer server;
    KubernetesClient client;

    @BeforeEach
    void start() {
        cluster = Cluster.builder().seed(13).watchHistory(20).build();
        server = FakeApiServer.start(cluster);
        client = Fabric8.client(server);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        cluster.close();
    }

    /** Keeps {@code ACTION name=k} per event, and {@code CLOSED <code>} when the watch ends with an error. */
    static final class Events implements Watcher<ConfigMap> {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void eventReceived(Action action, ConfigMap cm) {
            seen.add(action + " " + cm.getMetadata().getName() + "=" + cm.getData().get("k"));
        }

        @Override
        public void onClose(WatcherException cause) {
            seen.add("CLOSED " + (cause.isHttpGone() ? "410" : cause.getMessage()));
        }
    }

    void awaitSeen(Events events, String last) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.seen.contains(last));
    }

    @Test
    void aWatchFromAResourceVersionSeesOnlyTheChangesAfterIt() {
        cluster.apply(CONFIGMAP.formatted("before", "web", "1"));
        String from = cluster.resourceVersion();
        Events events = new Events();

        try (Watch w = client.configMaps().watch(new ListOptionsBuilder().withResourceVersion(from).build(), events)) {
            cluster.apply(CONFIGMAP.formatted("before", "web", "2"));
            cluster.apply(CONFIGMAP.formatted("after", "web", "1"));
            cluster.delete("cm", "default", "before");

            awaitSeen(events, "DELETED before=2");
            assertThat(events.seen).containsExactly("MODIFIED before=2", "ADDED after=1", "DELETED before=2");
        }
    }

    @Test
    void aWatchWithoutAResourceVersionStartsWithTheCurrentObjectsThenFollowsTheSelector() {
        cluster.apply(CONFIGMAP.formatted("a", "web", "1"));
        cluster.apply(CONFIGMAP.formatted("b", "db", "1"));
        Events events = new Events();

        try (Watch w = client.configMaps().withLabelIn("tier", "web", "api").watch(events)) {
            awaitSeen(events, "ADDED a=1");
            cluster.apply(CONFIGMAP.formatted("b", "db", "2"));
            cluster.apply(CONFIGMAP.formatted("c", "api", "1"));
            cluster.apply(CONFIGMAP.formatted("b", "web", "3"));
            cluster.apply(CONFIGMAP.formatted("a", "db", "2"));

            awaitSeen(events, "DELETED a=2");
            assertThat(events.seen).as("objects entering the selection are ADDED, leaving it DELETED")
                    .containsExactly("ADDED a=1", "ADDED c=1", "ADDED b=3", "DELETED a=2");
        }
    }

    @Test
    void aWatchOnOneObjectSeesOnlyThatObject() {
        cluster.apply(CONFIGMAP.formatted("mine", "web", "1"));
        Events events = new Events();

        try (Watch w = client.configMaps().withName("mine").watch(events)) {
            awaitSeen(events, "ADDED mine=1");
            cluster.apply(CONFIGMAP.formatted("other", "web", "1"));
            cluster.apply(CONFIGMAP.formatted("mine", "web", "2"));

            awaitSeen(events, "MODIFIED mine=2");
            assertThat(events.seen).containsExactly("ADDED mine=1", "MODIFIED mine=2");
        }
    }

    @Test
    void aWatchFromAnExpiredResourceVersionClosesAsGone() {
        String from = cluster.resourceVersion();
        for (int i = 0; i < 30; i++) {
            cluster.apply(CONFIGMAP.formatted("busy", "web", Integer.toString(i)));
        }
        Events events = new Events();

        try (Watch w = client.configMaps().watch(new ListOptionsBuilder().withResourceVersion(from).build(), events)) {
            awaitSeen(events, "CLOSED 410");
            assertThat(events.seen).containsExactly("CLOSED 410");
        }
    }
}
