package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.Cluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** fabric8 SharedIndexInformers against the server: a rollout's events in order, resync, and restarts. */
class Fabric8InformerTest {

    static final String CONFIGMAP = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"%s\"},"
            + "\"data\":{\"k\":\"%s\"}}";

    Cluster cluster;
    FakeApiServer server;
    KubernetesClient client;

    @BeforeEach
    void start() {
        cluster = Cluster.builder().seed(11).build();
        server = FakeApiServer.start(cluster);
        client = Fabric8.client(server);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        cluster.close();
    }

    /**
     * Records what a handler is told, in order, as {@code add|update|delete <describe(object)>}; an
     * update is recorded only when the description changes, a delete the informer inferred from a
     * relist as {@code delete-unknown}.
     */
    static final class Recorder<T extends HasMetadata> implements ResourceEventHandler<T> {
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final Function<T, String> describe;

        Recorder(Function<T, String> describe) {
            this.describe = describe;
        }

        @Override
        public void onAdd(T obj) {
            lines.add("add " + describe.apply(obj));
        }

        @Override
        public void onUpdate(T oldObj, T newObj) {
            String now = describe.apply(newObj);
            if (!now.equals(describe.apply(oldObj))) {
                lines.add("update " + now);
            }
        }

        @Override
        public void onDelete(T obj, boolean deletedFinalStateUnknown) {
            lines.add((deletedFinalStateUnknown ? "delete-unknown " : "delete ") + describe.apply(obj));
        }
    }

    static <T> T or(T value, T otherwise) {
        return value == null ? otherwise : value;
    }

    @Test
    void aRollingUpdateReachesTheInformersInOrder() {
        client.apps().deployments().resource(Fabric8.web(3)).create();
        cluster.advance(Duration.ofSeconds(10));
        ReplicaSet first = client.apps().replicaSets().list().getItems().get(0);
        String oldHash = first.getMetadata().getLabels().get("pod-template-hash");
        Function<HasMetadata, String> role = o -> oldHash.equals(o.getMetadata().getLabels().get("pod-template-hash"))
                ? "old" : "new";
        Recorder<ReplicaSet> replicaSets = new Recorder<>(r -> role.apply(r) + "=" + r.getSpec().getReplicas());
        Recorder<Deployment> deployments = new Recorder<>(d -> "observed=" + d.getStatus().getObservedGeneration()
                + " updated=" + or(d.getStatus().getUpdatedReplicas(), 0));
        Recorder<Pod> pods = new Recorder<>(p -> role.apply(p) + " " + p.getMetadata().getName()
                + (p.getMetadata().getDeletionTimestamp() != null ? " terminating"
                : or(p.getStatus().getConditions(), List.<PodCondition>of()).stream().anyMatch(c -> c.getType().equals("Ready")
                        && c.getStatus().equals("True")) ? " ready" : " unready"));
        SharedIndexInformer<ReplicaSet> rsInformer = client.apps().replicaSets().inform(replicaSets);
        SharedIndexInformer<Deployment> deployInformer = client.apps().deployments().inform(deployments);
        SharedIndexInformer<Pod> podInformer = client.pods().inform(pods);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.openWatches() == 3);
            cluster.setImage("default", "web", "nginx", "nginx:1.26");
            for (int i = 0; i < 60; i++) {
                cluster.advance(Duration.ofSeconds(1));
            }

            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(replicaSets.lines).last().isEqualTo("update old=0");
                assertThat(deployments.lines).last().isEqualTo("update observed=2 updated=3");
                assertThat(pods.lines.stream().filter(l -> l.startsWith("delete old"))).as("%s", pods.lines).hasSize(3);
            });
            assertThat(replicaSets.lines).containsExactly("add old=3", "add new=1", "update old=2", "update new=2",
                    "update old=1", "update new=3", "update old=0");
            assertThat(deployments.lines).containsExactly("add observed=1 updated=3", "update observed=2 updated=0",
                    "update observed=2 updated=1", "update observed=2 updated=2", "update observed=2 updated=3");
            assertPodsNeverUnavailableNorSurgedBeyondOne(pods.lines);
        } finally {
            rsInformer.close();
            deployInformer.close();
            podInformer.close();
        }
    }

    /**
     * Replays the pod notifications: after the first three, at least 3 pods are ready and serving
     * (maxUnavailable 0) and at most 4 are not terminating (maxSurge 1); every old pod is marked
     * terminating before it goes, and the three new ones end ready.
     */
    private static void assertPodsNeverUnavailableNorSurgedBeyondOne(List<String> lines) {
        Map<String, String> state = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] parts = lines.get(i).split(" ");
            String pod = parts[1] + " " + parts[2];
            if (parts[0].startsWith("delete")) {
                assertThat(state.remove(pod)).as("%s was terminating before it went", pod).isEqualTo("terminating");
            } else {
                state.put(pod, parts[3]);
            }
            if (i >= 2) {
                assertThat(state.values().stream().filter("ready"::equals)).as("ready pods after %s", lines.get(i))
                        .hasSizeGreaterThanOrEqualTo(3);
                assertThat(state.values().stream().filter(s -> !s.equals("terminating")))
                        .as("pods not terminating after %s", lines.get(i)).hasSizeLessThanOrEqualTo(4);
            }
        }
        assertThat(state).hasSize(3).allSatisfy((pod, s) -> {
            assertThat(pod).startsWith("new ");
            assertThat(s).isEqualTo("ready");
        });
    }

    @Test
    void aResyncRedeliversTheCachedObjectsAsUpdates() {
        cluster.apply(CONFIGMAP.formatted("a", "1"));
        List<String> resynced = new CopyOnWriteArrayList<>();
        SharedIndexInformer<ConfigMap> informer = client.configMaps().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap obj) {
            }

            @Override
            public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
                if (Objects.equals(oldObj.getMetadata().getResourceVersion(), newObj.getMetadata().getResourceVersion())) {
                    resynced.add(newObj.getMetadata().getName() + "@" + newObj.getMetadata().getResourceVersion());
                }
            }

            @Override
            public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
            }
        }, 1_000);
        try {
            String rv = cluster.get("cm", "default", "a").orElseThrow().resourceVersion();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !resynced.isEmpty());
            assertThat(resynced).allSatisfy(r -> assertThat(r).isEqualTo("a@" + rv));
        } finally {
            informer.close();
        }
    }

    @Test
    void anInformerWatchesAgainFromWhereItWasWhenTheServerEndsItsWatch() {
        Recorder<ConfigMap> seen = new Recorder<>(c -> c.getMetadata().getName() + "=" + c.getData().get("k"));
        SharedIndexInformer<ConfigMap> informer = client.configMaps().inform(seen);
        try {
            cluster.apply(CONFIGMAP.formatted("a", "1"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.lines.contains("add a=1"));

            server.endWatches();
            cluster.apply(CONFIGMAP.formatted("a", "2"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.openWatches() == 1);
            cluster.apply(CONFIGMAP.formatted("b", "1"));

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.lines.contains("add b=1"));
            assertThat(seen.lines).as("no change lost, none seen twice").containsExactly("add a=1", "update a=2", "add b=1");
        } finally {
            informer.close();
        }
    }

    @Test
    void anInformerWhoseResourceVersionExpiredWhileItWasAwayRelists() {
        try (Cluster small = Cluster.builder().seed(11).watchHistory(20).build();
                FakeApiServer smallServer = FakeApiServer.start(small);
                KubernetesClient slowToReconnect = new KubernetesClientBuilder().withConfig(new ConfigBuilder(
                        Fabric8.config(smallServer)).withWatchReconnectInterval(2_000).build()).build()) {
            Recorder<ConfigMap> seen = new Recorder<>(c -> c.getMetadata().getName());
            small.apply(CONFIGMAP.formatted("gone", "1"));
            SharedIndexInformer<ConfigMap> informer = slowToReconnect.configMaps().inform(seen);
            try {
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> smallServer.openWatches() == 1);
                smallServer.endWatches();
                small.delete("cm", "default", "gone");
                for (int i = 0; i < 30; i++) {
                    small.apply(CONFIGMAP.formatted("busy", Integer.toString(i)));
                }
                assertThat(smallServer.openWatches()).as("the informer has not watched again yet").isZero();

                Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> seen.lines.contains("delete-unknown gone"));
                assertThat(seen.lines).as("a relist, not a watch event, tells the informer").containsExactly(
                        "add gone", "add busy", "delete-unknown gone");
                assertThat(informer.getStore().listKeys()).containsExactly("default/busy");
            } finally {
                informer.close();
            }
        }
    }
}
