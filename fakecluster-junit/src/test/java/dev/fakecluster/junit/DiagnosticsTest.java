package dev.fakecluster.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.Cluster;
import dev.fakecluster.junit.FakeCluster.Scope;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The snapshot a failing test prints and attaches to its report. */
class DiagnosticsTest {

    @FakeCluster(manifests = "manifests/web.yaml")
    @Fixture
    static class FailingCases {
        @Test
        void failsAfterTheRollout(Cluster cluster) {
            cluster.advance(Duration.ofSeconds(10));
            throw new AssertionError("the test failed");
        }
    }

    @Test
    void aFailingTestPublishesTablesAndTheLastEvents() {
        EngineRun run = EngineRun.of(FailingCases.class);

        assertThat(run.failedTests()).containsExactly("failsAfterTheRollout(Cluster)");
        String report = run.reported("fakecluster").get(0);
        assertThat(report).startsWith("""
                fakecluster: failsAfterTheRollout(Cluster) failed; the cluster at 2025-01-01T00:00:10Z (seed 0):

                $ kubectl get deployments -A
                NAMESPACE   NAME   READY   UP-TO-DATE   AVAILABLE   AGE
                default     web    3/3     3            3           10s

                $ kubectl get replicasets -A
                NAMESPACE   NAME            DESIRED   CURRENT   READY   AGE
                default     web-d88c78859   3         3         3       10s

                $ kubectl get pods -A
                NAMESPACE   NAME                  READY   STATUS    RESTARTS   AGE
                default     web-d88c78859-gnkjx   1/1     Running   0          10s
                default     web-d88c78859-j8lkb   1/1     Running   0          10s
                default     web-d88c78859-vf4pr   1/1     Running   0          10s

                $ kubectl get services -A
                NAMESPACE     NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)                  AGE
                default       kubernetes   ClusterIP   10.1.0.1     <none>        443/TCP                  10s
                kube-system   kube-dns     ClusterIP   10.1.0.10    <none>        53/UDP,53/TCP,9153/TCP   10s

                $ kubectl events -A
                NAMESPACE   TIME                   TYPE     REASON              OBJECT                     MESSAGE
                default     2025-01-01T00:00:00Z   Normal   ScalingReplicaSet   deployment/web             Scaled up replica set web-d88c78859 to 3
                """);
        assertThat(report).contains(
                "default     2025-01-01T00:00:02Z   Normal   Started             pod/web-d88c78859-j8lkb    Started container nginx");
        assertThat(run.reported("fakecluster")).hasSize(1);
    }

    @FakeCluster(manifests = "manifests/web.yaml")
    @Fixture
    static class PassingCases {
        @Test
        void passes(Cluster cluster) {
            cluster.advance(Duration.ofSeconds(10));
        }
    }

    @FakeCluster(manifests = "manifests/web.yaml", diagnostics = false)
    @Fixture
    static class SilentCases {
        @Test
        void fails(Cluster cluster) {
            throw new AssertionError("the test failed");
        }
    }

    @Test
    void noSnapshotWhenTheTestPassesOrDiagnosticsAreOff() {
        assertThat(EngineRun.of(PassingCases.class).succeeded(1).reported("fakecluster")).isEmpty();

        EngineRun silent = EngineRun.of(SilentCases.class);
        assertThat(silent.failedTests()).containsExactly("fails(Cluster)");
        assertThat(silent.reported("fakecluster")).isEmpty();
    }

    @FakeCluster(nodes = "solo")
    @Fixture
    static class BusyCases {
        @Test
        void failsAfterManyEvents(Cluster cluster) {
            for (int i = 0; i < 5; i++) {
                cluster.apply("apiVersion: v1\nkind: Pod\nmetadata: {name: p" + i + "}\n"
                        + "spec: {containers: [{name: c, image: busybox, command: [sleep, \"3600\"]}]}\n");
                cluster.advance(Duration.ofSeconds(1));
            }
            throw new AssertionError("the test failed");
        }
    }

    @Test
    void onlyTheLastTwentyEventsAreShown() {
        String snapshot = EngineRun.of(BusyCases.class).reported("fakecluster").get(0);

        String events = snapshot.substring(snapshot.indexOf("$ kubectl events"));
        assertThat(events.lines()).hasSize(2 + 20).first().asString().matches("\\$ kubectl events -A \\(the last 20 of 2\\d\\)");
        assertThat(events).doesNotContain("assigned default/p0 ").contains("assigned default/p1 ");
    }

    @FakeCluster(scope = Scope.PER_CLASS, nodes = "solo")
    @Fixture
    static class PerClassCases {
        @Test
        void failsOnTheSharedCluster(Cluster cluster) {
            throw new AssertionError("the test failed");
        }
    }

    @FakeCluster
    @Fixture
    static class ClosedByTheTestCases {
        @Test
        void closesItsClusterAndFails(Cluster cluster) {
            cluster.close();
            throw new AssertionError("the test failed");
        }
    }

    @Test
    void aSharedClusterIsShownTooButNotOneTheTestClosed() {
        assertThat(EngineRun.of(PerClassCases.class).reported("fakecluster")).singleElement().asString()
                .startsWith("fakecluster: failsOnTheSharedCluster(Cluster) failed; the cluster at 2025-01-01T00:00:00Z")
                .endsWith("\nNo events.\n");

        EngineRun closed = EngineRun.of(ClosedByTheTestCases.class);
        assertThat(closed.failures()).extracting(Throwable::getMessage).containsExactly("the test failed");
        assertThat(closed.reported("fakecluster")).isEmpty();
    }

    /** A pod whose container prints twelve numbered lines and fails, so it restarts on the kubelet's back-off. */
    static String crashingPod(String name) {
        return "apiVersion: v1\nkind: Pod\nmetadata: {name: " + name + "}\n"
                + "spec: {containers: [{name: main, image: busybox, command: [sh, -c,"
                + " 'i=0; while [ $i -lt 12 ]; do i=$((i+1)); echo line $i; done; exit 1']}]}\n";
    }

    @FakeCluster(nodes = "solo")
    @Fixture
    static class TroubledPodsCases {
        @Test
        void failsWithACrashingAndAnUnreadyPod(Cluster cluster) {
            cluster.apply(crashingPod("crasher"));
            cluster.apply("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: unready}
                    spec:
                      containers:
                      - name: web
                        image: busybox
                        command: [sh, -c, 'echo starting; sleep 3600']
                        readinessProbe: {exec: {command: [cat, /tmp/ready]}}
                    ---
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: healthy}
                    spec: {containers: [{name: main, image: busybox, command: [sh, -c, 'echo fine; sleep 3600']}]}
                    """);
            cluster.advance(Duration.ofSeconds(30));
            throw new AssertionError("the test failed");
        }
    }

    @Test
    void theLastLogLinesOfRestartedAndUnreadyPodsAreShown() {
        String snapshot = EngineRun.of(TroubledPodsCases.class).reported("fakecluster").get(0);

        String logs = snapshot.substring(snapshot.indexOf("\n$ kubectl logs"));
        assertThat(logs).isEqualTo("""

                $ kubectl logs -n default crasher -c main --previous --tail=10
                line 3
                line 4
                line 5
                line 6
                line 7
                line 8
                line 9
                line 10
                line 11
                line 12

                $ kubectl logs -n default unready -c web --tail=10
                starting
                """);
    }

    @FakeCluster(nodes = "solo", logLines = 2)
    @Fixture
    static class ManyCrashesCases {
        @Test
        void failsWithSevenCrashingPods(Cluster cluster) {
            for (int i = 1; i <= 7; i++) {
                cluster.apply(crashingPod("crasher" + i));
            }
            cluster.advance(Duration.ofSeconds(30));
            throw new AssertionError("the test failed");
        }
    }

    @FakeCluster(nodes = "solo", logLines = 0)
    @Fixture
    static class NoLogsCases {
        @Test
        void failsWithACrashingPod(Cluster cluster) {
            cluster.apply(crashingPod("crasher"));
            cluster.advance(Duration.ofSeconds(30));
            throw new AssertionError("the test failed");
        }
    }

    @Test
    void logsAreCappedAtFivePodsAndTheConfiguredLineCountAndCanBeLeftOut() {
        String snapshot = EngineRun.of(ManyCrashesCases.class).reported("fakecluster").get(0);

        String logs = snapshot.substring(snapshot.indexOf("\n$ kubectl logs"));
        assertThat(logs.lines().filter(l -> l.startsWith("$ kubectl logs"))).containsExactly(
                "$ kubectl logs -n default crasher1 -c main --previous --tail=2",
                "$ kubectl logs -n default crasher2 -c main --previous --tail=2",
                "$ kubectl logs -n default crasher3 -c main --previous --tail=2",
                "$ kubectl logs -n default crasher4 -c main --previous --tail=2",
                "$ kubectl logs -n default crasher5 -c main --previous --tail=2");
        assertThat(logs).startsWith("\n$ kubectl logs -n default crasher1 -c main --previous --tail=2\nline 11\nline 12\n\n")
                .endsWith("\n(logs of 2 more pods not shown)\n");

        assertThat(EngineRun.of(NoLogsCases.class).reported("fakecluster")).singleElement().asString()
                .doesNotContain("kubectl logs");
    }

    @FakeCluster(logLines = -1)
    @Fixture
    static class NegativeLogLinesCases {
        @Test
        void neverRuns(Cluster cluster) {
        }
    }

    @Test
    void aNegativeLogLineCountIsAConfigurationError() {
        assertThat(EngineRun.of(NegativeLogLinesCases.class).onlyFailure()).hasMessage("@FakeCluster(logLines = -1) on"
                + " NegativeLogLinesCases: the number of log lines cannot be negative; use 0 to leave logs out of the failure report");
    }
}
