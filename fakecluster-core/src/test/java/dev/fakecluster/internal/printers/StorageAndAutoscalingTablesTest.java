package dev.fakecluster.internal.printers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.Cluster;
import org.junit.jupiter.api.Test;

/** kubectl get's columns for PersistentVolumes, PersistentVolumeClaims and HorizontalPodAutoscalers (1.32). */
class StorageAndAutoscalingTablesTest {

    @Test
    void volumesAndClaimsShowCapacityAbbreviatedAccessModesAndTheirClaim() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply("""
                    apiVersion: v1
                    kind: PersistentVolume
                    metadata: {name: pv1}
                    spec:
                      capacity: {storage: 1Gi}
                      accessModes: [ReadWriteMany, ReadWriteOnce]
                      persistentVolumeReclaimPolicy: Retain
                      storageClassName: manual
                      hostPath: {path: /data}
                    ---
                    apiVersion: v1
                    kind: PersistentVolumeClaim
                    metadata: {name: data}
                    spec:
                      accessModes: [ReadWriteOnce]
                      storageClassName: manual
                      resources: {requests: {storage: 1Gi}}
                    """);

            assertThat(cluster.table("pv", null)).startsWith(
                    "NAME   CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM   STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE\n"
                            + "pv1    1Gi        RWO,RWX        Retain");
            assertThat(cluster.table("pvc", "default")).startsWith(
                    "NAME   STATUS   VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n"
                            + "data");
            assertThat(cluster.table("pvc", "default")).contains("manual         <unset>");
        }
    }

    @Test
    void anAutoscalerShowsItsTargetMetricsUnknownUntilMeasured() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply("""
                    apiVersion: autoscaling/v2
                    kind: HorizontalPodAutoscaler
                    metadata: {name: web}
                    spec:
                      scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                      minReplicas: 2
                      maxReplicas: 10
                      metrics:
                      - type: Resource
                        resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}
                    """);

            assertThat(cluster.table("hpa", "default")).isEqualTo(
                    "NAME   REFERENCE        TARGETS              MINPODS   MAXPODS   REPLICAS   AGE\n"
                            + "web    Deployment/web   cpu: <unknown>/80%   2         10        0          0s\n");
        }
    }
}
