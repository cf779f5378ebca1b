package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.Cluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Cluster.describe} against the real kubectl 1.32's {@code kubectl describe} of the same
 * objects. kubectl measures ages on the wall clock, so the cluster's clock is started that far in
 * the past that it reaches the wall clock's time when the scene is set; only ages may then differ
 * (by the seconds the test takes), and only they are normalized. Skipped where no kubectl is installed.
 */
class KubectlDescribeTest {

    /** How long the scene runs on the virtual clock before kubectl looks at it. */
    private static final Duration SCENE = Duration.ofMinutes(3);
    private static final Pattern AGE = Pattern.compile("(?<=\\s)(\\d+[smhdy])+(?=[\\s)]|$)");
    /** An age that ends a row (a node's pods), not a toleration's {@code for 300s}. */
    private static final Pattern LAST_AGE = Pattern.compile("(?<=\\s)(?<!for )(\\d+[smhdy])+$");

    @TempDir
    Path dir;
    KubectlSession session;
    Cluster cluster;

    @BeforeEach
    void start() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(SCENE);
        session = KubectlSession.start(dir, Cluster.builder().seed(42).startTime(start));
        cluster = session.cluster;
    }

    @AfterEach
    void stop() {
        session.close();
    }

    @Test
    void describeMatchesKubectlForEveryCoveredKind() throws IOException {
        for (String file : List.of("httpd.v1.yml", "httpd-service.v2-nodeport.yml", "myjob.v1.yml", "mycronjob.yml",
                "liveness.yml")) {
            cluster.apply(Files.readString(Path.of(session.manifest(file))));
        }
        cluster.apply("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, labels: {app: web}, annotations: {note: "two\\nlines"}}
                data: {greeting: "hello\\nworld"}
                binaryData: {blob: AAEC}
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec:
                      containers:
                      - name: agent
                        image: busybox
                        command: [sleep, "3600"]
                        env: [{name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}, {name: MODE, value: fast},
                              {name: IP, valueFrom: {fieldRef: {apiVersion: v1, fieldPath: status.podIP}}},
                              {name: POD, valueFrom: {fieldRef: {apiVersion: v1, fieldPath: metadata.name}}}]
                        volumeMounts: [{name: cache, mountPath: /cache}, {name: config, mountPath: /etc/app, readOnly: true}]
                      volumes: [{name: cache, emptyDir: {}}, {name: config, configMap: {name: settings}}]
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db}
                spec:
                  serviceName: db
                  replicas: 2
                  selector: {matchExpressions: [{key: app, operator: In, values: [db, database]}]}
                  template:
                    metadata: {labels: {app: db}}
                    spec:
                      containers:
                      - name: db
                        image: nginx
                        ports: [{containerPort: 80}, {containerPort: 443}]
                        resources: {requests: {cpu: 250m, memory: 64Mi}, limits: {cpu: "0.5", memory: 1Gi}}
                        readinessProbe: {httpGet: {path: /, port: 80}}
                """);
        cluster.advance(Duration.ofMinutes(1));
        cluster.setImage("default", "httpd", "httpd", "httpd:2.4.17");
        cluster.advance(SCENE.minus(Duration.ofMinutes(1)));

        String pod = cluster.list("pods", "default", "run=httpd").get(0).name();
        String replicaSet = cluster.list("rs", "default", null).get(0).name();
        String agent = cluster.list("pods", "default", "app=agent").get(0).name();
        List<List<String>> objects = List.of(List.of("pods", pod), List.of("po", "liveness"), List.of("pod", "db-0"), List.of("pod", agent),
                List.of("deployments", "httpd"), List.of("rs", replicaSet), List.of("svc", "httpd-svc"),
                List.of("service", "kubernetes"), List.of("ep", "httpd-svc"), List.of("nodes", "node2"), List.of("no", "node1"),
                List.of("jobs", "myjob"), List.of("cj", "hello"), List.of("ds", "agent"), List.of("sts", "db"),
                List.of("ns", "default"), List.of("configmaps", "settings"));
        for (List<String> o : objects) {
            Kubectl.Result r = session.kubectl.run("describe", o.get(0), o.get(1));
            assertThat(r.exitCode()).as("kubectl describe %s %s: %s", o.get(0), o.get(1), r.err()).isZero();

            assertThat(normalized(cluster.describe(o.get(0), "default", o.get(1))))
                    .as("describe %s %s", o.get(0), o.get(1)).isEqualTo(normalized(r.out()));
        }
    }

    /**
     * The text with the ages replaced: those that end a row, and every one in the Events table,
     * whose column widths follow from them (so there runs of spaces are collapsed too).
     */
    private static String normalized(String text) {
        int events = text.indexOf("\nEvents:\n");
        String head = events < 0 ? text : text.substring(0, events + 1);
        String tail = events < 0 ? "" : text.substring(events + 1);
        return head.lines().map(l -> LAST_AGE.matcher(l).replaceAll("<age>")).collect(Collectors.joining("\n", "", "\n"))
                + tail.lines().map(l -> AGE.matcher(l).replaceAll("<age>").replaceAll(" {2,}", "  "))
                        .collect(Collectors.joining("\n", "", tail.isEmpty() ? "" : "\n"));
    }
}
