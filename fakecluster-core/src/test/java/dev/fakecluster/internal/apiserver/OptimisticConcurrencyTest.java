package dev.fakecluster.internal.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.store.StoredObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Many writers doing read-modify-write with resourceVersion checks: no update is ever lost. */
class OptimisticConcurrencyTest {

    private static final int THREADS = 8;
    private static final int INCREMENTS_PER_THREAD = 500;

    @Test
    void concurrentOptimisticIncrementsLoseNoUpdate() throws Exception {
        Fixture f = new Fixture();
        long createdAt = f.create("{apiVersion: v1, kind: ConfigMap, metadata: {name: counter}, data: {n: '0'}}")
                .resourceVersion();
        KindInfo cm = f.kind("cm");
        AtomicInteger conflicts = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();

        for (int t = 0; t < THREADS; t++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < INCREMENTS_PER_THREAD; i++) {
                    while (true) {
                        StoredObject current = f.api.get(cm, "default", "counter").orElseThrow();
                        ObjectNode next = current.mutableCopy();
                        int n = Integer.parseInt(Json.text(next, "data", "n"));
                        Json.with(next, "data").put("n", Integer.toString(n + 1));
                        try {
                            f.api.update(next, "default", false);
                            break;
                        } catch (ApiException e) {
                            assertThat(e.reason()).isEqualTo("Conflict");
                            conflicts.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> d : done) {
            d.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        StoredObject counter = f.api.get(cm, "default", "counter").orElseThrow();
        int total = THREADS * INCREMENTS_PER_THREAD;
        assertThat(Json.text(counter.json(), "data", "n")).isEqualTo(Integer.toString(total));
        assertThat(counter.resourceVersion()).as("one resourceVersion per successful update")
                .isEqualTo(createdAt + total);
    }

    @Test
    void concurrentCreatesOfDistinctObjectsAllLand() throws Exception {
        Fixture f = new Fixture();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();

        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    f.api.create(Fixture.yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: cm-" + thread + "-" + i + "}}"),
                            "default", false);
                }
                return null;
            }));
        }
        for (Future<?> d : done) {
            d.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(f.api.list(f.kind("cm"), "default", null, null).items()).hasSize(THREADS * 200);
    }
}
