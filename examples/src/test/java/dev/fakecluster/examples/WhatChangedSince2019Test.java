package dev.fakecluster.examples;

import static dev.fakecluster.examples.Tutorial.manifest;
import static dev.fakecluster.junit.ClusterAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import dev.fakecluster.junit.FakeCluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What a reader of the 2019 notes (Kubernetes 1.13) sees differently today (BEHAVIOURS.md J): the
 * fake follows Kubernetes 1.32 but accepts the notes' manifests unchanged.
 */
@FakeCluster
class WhatChangedSince2019Test {

    @Test
    void oldApiVersionsAreStoredAsTodaysWithTheDefaultsTheyHadThen(Cluster cluster) {
        Resource nginx = cluster.apply(manifest("nginx.v3-replicas3.yaml")).get(0);   // extensions/v1beta1
        Resource app = cluster.apply(manifest("app.v1.yml")).get(0);                   // apps/v1beta1
        Resource hello = cluster.apply(manifest("mycronjob.yml")).get(0);              // batch/v2alpha1

        assertThat(nginx.apiVersion()).isEqualTo("apps/v1");
        assertThat(nginx.field("spec.selector.matchLabels.app")).contains("web_server");   // from the template's labels
        assertThat(nginx.field("spec.strategy.rollingUpdate.maxSurge")).contains("1");
        assertThat(nginx.field("spec.strategy.rollingUpdate.maxUnavailable")).contains("1");
        assertThat(app.apiVersion()).isEqualTo("apps/v1");
        assertThat(app.field("spec.strategy.rollingUpdate.maxSurge")).contains("25%");
        assertThat(app.field("spec.revisionHistoryLimit")).contains("2");
        assertThat(app.field("spec.progressDeadlineSeconds")).contains("600");
        assertThat(hello.apiVersion()).isEqualTo("batch/v1");
        assertThat(hello.field("spec.concurrencyPolicy")).contains("Allow");
    }

    @Test
    void theMasterIsNowTheControlPlaneInItsRoleLabelAndTaint(Cluster cluster) {
        // "node1 Ready master", "kubectl taint node node1 node-role.kubernetes.io/master-"
        assertThat(cluster.table("nodes", null)).contains("node1   Ready    control-plane");
        assertThat(cluster).hasNode("node1").hasTaint("node-role.kubernetes.io/control-plane:NoSchedule")
                .hasLabel("node-role.kubernetes.io/control-plane", "");
        assertThatThrownBy(() -> cluster.node("node1").untaint("node-role.kubernetes.io/master"))
                .hasMessage("taint \"node-role.kubernetes.io/master\" not found");
        assertThatThrownBy(() -> cluster.node("node1").taint("node-role.kubernetes.io/master -"))   // as printed, with a space
                .hasMessage("invalid taint spec: node-role.kubernetes.io/master -");
    }

    @Test
    @FakeCluster(manifests = "nginx.v3-replicas3.yaml")
    void eventTextsAreTodays(Cluster cluster) {
        // 1.13: "pulling image \"nginx:1.7.9\"", "Created container", "Scaled down replica set ... to 2"
        cluster.advance(Duration.ofSeconds(10));
        cluster.scale("deployments", "default", "nginx-deployment", 2);

        assertThat(cluster)
                .hasEvent("default", "Pulling", "Pulling image \"nginx:1.7.9\"")
                .hasEvent("default", "Created", "Created container: nginx")
                .hasEvent("default", "Started", "Started container nginx")
                .hasDeployment("default", "nginx-deployment").hasEvent("ScalingReplicaSet", " to 2 from 3");
    }

    @Test
    void anEmptyListNamesItsNamespace(Cluster cluster) {
        // 1.13: "No resources found."
        assertThat(cluster.table("deployments", "default")).isEqualTo("No resources found in default namespace.\n");
    }
}
