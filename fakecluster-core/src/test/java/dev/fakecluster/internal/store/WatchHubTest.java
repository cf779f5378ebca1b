package dev.fakecluster.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.internal.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WatchHubTest {

    private final Store store = new Store(ClusterState.empty(50));
    private final WatchHub hub = new WatchHub(store);

    private void put(String name, String... labels) {
        ObjectNode o = Json.object().put("kind", "ConfigMap").put("apiVersion", "v1");
        ObjectNode meta = o.putObject("metadata").put("name", name).put("namespace", "default").put("uid", "uid-" + name);
        ObjectNode l = meta.putObject("labels");
        for (int i = 0; i < labels.length; i += 2) {
            l.put(labels[i], labels[i + 1]);
        }
        store.commit(s -> new Store.Outcome<>(s.put("configmaps", o.deepCopy()), null));
    }

    private void remove(String name) {
        store.commit(s -> new Store.Outcome<>(s.remove(StoredObject.key("configmaps", "default", name)), null));
    }

    private List<String> record(WatchHub.Subscription[] holder, String prefix, java.util.function.Predicate<StoredObject> filter,
            long from) {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        holder[0] = hub.subscribe(prefix, filter, from,
                (type, o) -> seen.add(type + " " + o.name() + "@" + o.resourceVersion()));
        return seen;
    }

    @Test
    void deliversEveryChangeOnceInResourceVersionOrder() {
        WatchHub.Subscription[] sub = new WatchHub.Subscription[1];
        List<String> seen = record(sub, "configmaps/", o -> true, 0);

        put("a");
        put("b");
        hub.deliverPending();
        put("a", "x", "y");
        remove("b");
        hub.deliverPending();
        hub.deliverPending();

        assertThat(seen).containsExactly("ADDED a@1", "ADDED b@2", "MODIFIED a@3", "DELETED b@4");
    }

    @Test
    void resumingFromAResourceVersionReplaysOnlyLaterChanges() {
        put("a");
        put("b");
        put("c");
        WatchHub.Subscription[] sub = new WatchHub.Subscription[1];

        List<String> seen = record(sub, "configmaps/", o -> true, 2);
        hub.deliverPending();

        assertThat(seen).containsExactly("ADDED c@3");
    }

    @Test
    void selectorWatchTurnsLeavingIntoDeletedAndEnteringIntoAdded() {
        WatchHub.Subscription[] sub = new WatchHub.Subscription[1];
        List<String> seen = record(sub, "configmaps/", o -> "web".equals(o.labels().get("app")), 0);

        put("a", "app", "db");
        put("a", "app", "web");
        put("a", "app", "web", "v", "2");
        put("a", "app", "db");
        remove("a");
        hub.deliverPending();

        assertThat(seen).containsExactly("ADDED a@2", "MODIFIED a@3", "DELETED a@4");
    }

    @Test
    void startPointOlderThanTheHistoryIsGone() {
        for (int i = 0; i < 60; i++) {
            put("cm" + i);
        }

        assertThatThrownBy(() -> hub.subscribe("configmaps/", o -> true, 5, (t, o) -> { }))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(410);
                    assertThat(e.reason()).isEqualTo("Expired");
                })
                .hasMessage("too old resource version: 5 (11)");
    }

    @Test
    void watcherThatFallsBehindTheHistoryIsExpiredNotFedAGap() {
        List<ApiException> expired = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        hub.subscribe("configmaps/", o -> true, 0, new WatchHub.Listener() {
            @Override
            public void onEvent(Change.Type type, StoredObject object) {
                seen.add(object.name());
            }

            @Override
            public void onExpired(ApiException error) {
                expired.add(error);
            }
        });

        for (int i = 0; i < 60; i++) {
            put("cm" + i);
        }
        hub.deliverPending();

        assertThat(seen).isEmpty();
        assertThat(expired).extracting(ApiException::getMessage).containsExactly("too old resource version: 0 (11)");
        assertThat(hub.size()).isZero();
    }

    @Test
    void closedSubscriptionReceivesNothingMore() {
        WatchHub.Subscription[] sub = new WatchHub.Subscription[1];
        List<String> seen = record(sub, "configmaps/", o -> true, 0);
        put("a");
        hub.deliverPending();

        sub[0].close();
        put("b");
        hub.deliverPending();

        assertThat(seen).containsExactly("ADDED a@1");
    }

    @Test
    void slowWatcherNeverBlocksWriters() throws Exception {
        CountDownLatch listenerEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        hub.subscribe("configmaps/", o -> true, 0, (type, o) -> {
            seen.add(o.name());
            listenerEntered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        put("first");
        Future<?> delivering = pool.submit(hub::deliverPending);
        assertThat(listenerEntered.await(30, TimeUnit.SECONDS)).isTrue();

        // While the listener is stuck, other threads keep writing and "delivering" without waiting.
        Future<?> writer = pool.submit(() -> {
            for (int i = 0; i < 20; i++) {
                put("more" + i);
                hub.deliverPending();
            }
        });
        writer.get(30, TimeUnit.SECONDS);
        assertThat(store.state().resourceVersion()).isEqualTo(21);
        release.countDown();
        delivering.get(30, TimeUnit.SECONDS);
        pool.shutdown();

        assertThat(seen).hasSize(21).startsWith("first", "more0").endsWith("more19");
    }
}
