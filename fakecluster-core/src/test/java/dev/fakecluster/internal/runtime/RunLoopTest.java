package dev.fakecluster.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.controlplane.ControlPlane;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.store.Change;
import dev.fakecluster.internal.store.ClusterState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class RunLoopTest {

    private final ControlPlane plane = ControlPlane.over(ClusterState.empty(100),
            VirtualClock.virtual(Instant.parse("2025-01-01T00:00:00Z")), 1);

    RunLoopTest() {
        plane.api().create(object("Namespace", "default"), null, false);
    }

    /** Records the names of the objects it has seen change. */
    private static final class Recorder implements Controller {
        final Set<String> seen = ConcurrentHashMap.newKeySet();

        @Override
        public void observe(Change change) {
            seen.add(change.object().name());
        }

        @Override
        public void reconcile() {
        }

        @Override
        public void resync(ClusterState state) {
        }
    }

    /** Holds the thread running the loop inside its first reconcile until released. */
    private static final class Gate implements Controller {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final AtomicBoolean first = new AtomicBoolean(true);

        @Override
        public void observe(Change change) {
        }

        @Override
        public void reconcile() {
            if (first.compareAndSet(true, false)) {
                entered.countDown();
                await(release);
            }
        }

        @Override
        public void resync(ClusterState state) {
        }
    }

    @Test
    void aCallerThatFindsTheLoopBusyReturnsOnlyOnceItsChangeIsSettled() throws Exception {
        Gate gate = new Gate();
        Recorder recorder = new Recorder();
        RunLoop loop = new RunLoop(plane.store(), plane.watches(), List.of(gate, recorder));
        Thread busy = new Thread(loop::run);
        busy.start();
        await(gate.entered);

        plane.api().create(object("ConfigMap", "written-meanwhile"), "default", false);
        AtomicBoolean seenWhenRunReturned = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            loop.run();
            seenWhenRunReturned.set(recorder.seen.contains("written-meanwhile"));
        });
        caller.start();
        // The caller either waits for the busy thread or (the old way) returns at once: go on when one happened.
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> caller.getState() == Thread.State.WAITING || caller.getState() == Thread.State.TERMINATED);
        gate.release.countDown();
        caller.join();
        busy.join();

        assertThat(seenWhenRunReturned).as("the controllers saw the change before the caller's run() returned").isTrue();
    }

    @Test
    void aWriteFromInsideTheLoopIsSettledInTheSameRun() {
        Recorder recorder = new Recorder();
        AtomicBoolean wrote = new AtomicBoolean();
        RunLoop[] loop = new RunLoop[1];
        plane.watches().subscribe("", o -> true, plane.store().state().resourceVersion(), (type, object) -> {
            if (wrote.compareAndSet(false, true)) {
                plane.api().create(object("ConfigMap", "from-a-listener"), "default", false);
                loop[0].run();
            }
        });
        loop[0] = new RunLoop(plane.store(), plane.watches(), List.of(recorder));
        plane.api().create(object("ConfigMap", "first"), "default", false);

        loop[0].run();

        assertThat(recorder.seen).contains("first", "from-a-listener");
    }

    private static ObjectNode object(String kind, String name) {
        ObjectNode o = Json.object();
        o.put("apiVersion", "v1").put("kind", kind);
        o.putObject("metadata").put("name", name);
        return o;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
