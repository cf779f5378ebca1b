package dev.fakecluster.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.apiserver.ApiServer.ListResult;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.store.WatchHub;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Throughput of the state store as seen through {@link ApiServer}, on a store pre-filled with
 * 10,000 ConfigMaps in 10 namespaces (see {@link Fixture}). Single-threaded.
 *
 * <p>Every iteration starts from a fresh store over the same immutable pre-filled snapshot, so
 * objects created (or history written) in one iteration do not leak into the next.
 *
 * <p>The forked JVM gets a fixed 2 GB heap: the write benchmarks keep thousands of recent objects
 * alive through the watch history, and a heap that keeps resizing makes their GC cost (and score)
 * jump from one iteration to the next.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar} after building with {@code -Pbench}
 * (see docs/performance.md), or {@link #main} from an IDE.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class StoreBenchmark {

    /** Matches 100 of the 1,000 ConfigMaps of a namespace, 1,000 of the 10,000 overall. */
    static final String SELECTOR = "app=app-3";
    static final String LIST_NAMESPACE = "ns-3";

    /**
     * {@link #create()} goes back to the pre-filled snapshot after this many objects, so the store
     * it writes to always holds 10,000 to 20,000 ConfigMaps instead of growing without bound (which
     * would end up measuring the garbage collector copying an ever larger live set).
     */
    static final int CREATES_PER_STORE = 10_000;

    private ApiServer api;
    private KindInfo configMaps;
    private ObjectNode template;
    private int next;
    private long serial;
    private int created;

    @Setup(Level.Iteration)
    public void freshStore() {
        api = Fixture.filledServer().api();
        configMaps = api.resolveKind("configmaps");
        template = Fixture.configMap(0, "ns-0", "unused");
        next = 0;
        created = 0;
    }

    /** Index of the next existing object to touch, cycling over all 10,000. */
    private int nextIndex() {
        int i = next;
        next = i + 1 == Fixture.OBJECTS ? 0 : i + 1;
        return i;
    }

    /**
     * POST of a new ConfigMap (the input is copied by the server, so one template is reused). Every
     * {@link #CREATES_PER_STORE} calls the store starts over from the snapshot (amortised: O(1) per reset).
     */
    @Benchmark
    public StoredObject create() {
        if (++created > CREATES_PER_STORE) {
            api = Fixture.filledServer().api();
            created = 1;
        }
        long n = serial++;
        ObjectNode meta = (ObjectNode) template.get("metadata");
        meta.put("name", "new-" + n).put("namespace", Fixture.namespace((int) (n % Fixture.NAMESPACES)));
        return api.create(template, null, false);
    }

    /** GET of one existing object by namespace and name. */
    @Benchmark
    public Optional<StoredObject> get() {
        int i = nextIndex();
        return api.get(configMaps, Fixture.namespace(i), Fixture.name(i));
    }

    /** LIST with a label selector in one namespace: scans 1,000, returns 100. */
    @Benchmark
    public ListResult listOneNamespace() {
        return api.list(configMaps, LIST_NAMESPACE, SELECTOR, null);
    }

    /** LIST with a label selector across all namespaces: scans 10,000, returns 1,000. */
    @Benchmark
    public ListResult listAllNamespaces() {
        return api.list(configMaps, null, SELECTOR, null);
    }

    /** Read-modify-write of one existing object through {@code mutate} (one data key changes). */
    @Benchmark
    public StoredObject update() {
        int i = nextIndex();
        String value = Long.toString(serial++);
        return api.mutate(configMaps, Fixture.namespace(i), Fixture.name(i), o -> {
            ((ObjectNode) o.get("data")).put("counter", value);
            return o;
        });
    }

    /**
     * One committed change (the same update as {@link #update()}) delivered to {@code watchers}
     * open subscriptions on ConfigMaps in all namespaces; every subscription receives the event.
     */
    @Benchmark
    public long watchFanOut(Watched w) {
        int i = w.nextIndex();
        String value = Long.toString(w.changes++);
        w.api.mutate(w.configMaps, Fixture.namespace(i), Fixture.name(i), o -> {
            ((ObjectNode) o.get("data")).put("counter", value);
            return o;
        });
        w.watches.deliverPending();
        return w.delivered;
    }

    /** A fresh store with open watch subscriptions, for {@link #watchFanOut}. */
    @State(Scope.Thread)
    public static class Watched {

        @Param("100")
        public int watchers;

        ApiServer api;
        WatchHub watches;
        KindInfo configMaps;
        final List<WatchHub.Subscription> subscriptions = new ArrayList<>();
        long delivered;
        long changes;
        private int next;

        @Setup(Level.Iteration)
        public void open() {
            Fixture.Server s = Fixture.filledServer();
            api = s.api();
            watches = s.watches();
            configMaps = api.resolveKind("configmaps");
            delivered = 0;
            changes = 0;
            next = 0;
            for (int k = 0; k < watchers; k++) {
                subscriptions.add(api.watch(configMaps, null, null, null, null, (type, obj) -> delivered++));
            }
            if (watches.size() != watchers) {
                throw new IllegalStateException("expected " + watchers + " subscriptions, got " + watches.size());
            }
        }

        @TearDown(Level.Iteration)
        public void close() {
            subscriptions.forEach(WatchHub.Subscription::close);
            subscriptions.clear();
            // Sanity check: every change of the iteration reached every subscription exactly once.
            if (changes == 0 || delivered != changes * watchers) {
                throw new IllegalStateException("delivered " + delivered + " events to " + watchers
                        + " watchers for " + changes + " changes");
            }
        }

        int nextIndex() {
            int i = next;
            next = i + 1 == Fixture.OBJECTS ? 0 : i + 1;
            return i;
        }
    }

    /**
     * Runs these benchmarks with JMH's command line ({@code -f 1 -wi 2 -i 3 ...}); with no
     * arguments, runs this class only with JMH's defaults.
     */
    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args.length == 0 ? new String[] {StoreBenchmark.class.getName()} : args);
    }
}
