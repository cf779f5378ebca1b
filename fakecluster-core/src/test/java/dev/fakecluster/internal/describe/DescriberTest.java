package dev.fakecluster.internal.describe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakecluster.ApiException;
import dev.fakecluster.Cluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Descriptions on the virtual clock; fakecluster-http's KubectlDescribeTest compares them with the real kubectl's. */
class DescriberTest {

    private static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: nginx, image: nginx, ports: [{containerPort: 80}]}]}
            """;

    @Test
    void aDeploymentIsDescribedAsKubectlDoesWithAgesFromTheVirtualClock() {
        try (Cluster cluster = Cluster.builder().seed(42).build()) {
            cluster.apply(WEB);
            cluster.advance(Duration.ofSeconds(90));

            assertThat(cluster.describe("deploy", "default", "web")).matches("""
                    Name:                   web
                    Namespace:              default
                    CreationTimestamp:      Wed, 01 Jan 2025 00:00:00 \\+0000
                    Labels:                 <none>
                    Annotations:            deployment.kubernetes.io/revision: 1
                    Selector:               app=web
                    Replicas:               2 desired \\| 2 updated \\| 2 total \\| 2 available \\| 0 unavailable
                    StrategyType:           RollingUpdate
                    MinReadySeconds:        0
                    RollingUpdateStrategy:  25% max unavailable, 25% max surge
                    Pod Template:
                      Labels:  app=web
                      Containers:
                       nginx:
                        Image:         nginx
                        Port:          80/TCP
                        Host Port:     0/TCP
                        Environment:   <none>
                        Mounts:        <none>
                      Volumes:         <none>
                      Node-Selectors:  <none>
                      Tolerations:     <none>
                    Conditions:
                      Type           Status  Reason
                      ----           ------  ------
                      Available      True    MinimumReplicasAvailable
                      Progressing    True    NewReplicaSetAvailable
                    OldReplicaSets:  <none>
                    NewReplicaSet:   web-\\w+ \\(2/2 replicas created\\)
                    Events:
                      Type    Reason             Age   From                   Message
                      ----    ------             ----  ----                   -------
                      Normal  ScalingReplicaSet  90s   deployment-controller  Scaled up replica set web-\\w+ to 2
                    """);
        }
    }

    @Test
    void anObjectWithoutEventsSaysNone() {
        try (Cluster cluster = Cluster.builder().seed(42).build()) {
            cluster.apply("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: \"1\"}\n");

            assertThat(cluster.describe("cm", null, "settings")).isEqualTo("""
                    Name:         settings
                    Namespace:    default
                    Labels:       <none>
                    Annotations:  <none>

                    Data
                    ====
                    a:
                    ----
                    1


                    BinaryData
                    ====

                    Events:  <none>
                    """);
        }
    }

    @Test
    void unknownKindsMissingObjectsAndUncoveredKindsAreRejected() {
        try (Cluster cluster = Cluster.builder().seed(42).build()) {
            assertThatThrownBy(() -> cluster.describe("gadgets", "default", "x")).isInstanceOf(ApiException.class)
                    .hasMessage("the server doesn't have a resource type \"gadgets\"");
            assertThatThrownBy(() -> cluster.describe("po", "default", "nope")).isInstanceOf(ApiException.class)
                    .hasMessage("pods \"nope\" not found");
            assertThatThrownBy(() -> cluster.describe("secrets", "default", "x")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("describe does not cover secrets yet");
        }
    }
}
