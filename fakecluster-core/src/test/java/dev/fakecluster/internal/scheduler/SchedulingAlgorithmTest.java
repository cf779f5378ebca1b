package dev.fakecluster.internal.scheduler;

import static dev.fakecluster.internal.scheduler.Fixture.controlPlane;
import static dev.fakecluster.internal.scheduler.Fixture.hostPort;
import static dev.fakecluster.internal.scheduler.Fixture.json;
import static dev.fakecluster.internal.scheduler.Fixture.label;
import static dev.fakecluster.internal.scheduler.Fixture.pod;
import static dev.fakecluster.internal.scheduler.Fixture.requests;
import static dev.fakecluster.internal.scheduler.Fixture.taint;
import static dev.fakecluster.internal.scheduler.Fixture.tolerate;
import static dev.fakecluster.internal.scheduler.Fixture.worker;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.random.SeededRandom;
import dev.fakecluster.internal.scheduler.SchedulingAlgorithm.Decision;
import dev.fakecluster.internal.scheduler.SchedulingAlgorithm.NodeInfo;
import dev.fakecluster.internal.select.LabelSelector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

class SchedulingAlgorithmTest {

    private final SeededRandom random = new SeededRandom(42);

    private static NodeInfo info(JsonNode node, JsonNode... pods) {
        return new NodeInfo(node, List.of(pods));
    }

    private Decision schedule(JsonNode pod, NodeInfo... nodes) {
        return SchedulingAlgorithm.schedule(pod, List.of(nodes), List.of(), random::nextInt, 0);
    }

    private static ObjectNode cordon(ObjectNode node) {
        ((ObjectNode) node.get("spec")).put("unschedulable", true);
        return node;
    }

    private static ObjectNode using(String cpu, String memory) {
        return requests(pod("existing"), cpu, memory);
    }

    @Test
    void controlPlaneTaintKeepsPodsOffTheMaster() {
        NodeInfo master = info(controlPlane("controlplane"));
        NodeInfo[] cluster = {master, info(worker("node2", 1)), info(worker("node3", 2))};

        for (int i = 0; i < 30; i++) {
            assertThat(schedule(pod("web-" + i), cluster).nodeName()).isIn("node2", "node3");
        }
        assertThat(schedule(pod("web"), master).failureMessage()).isEqualTo("0/1 nodes are available: "
                + "1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. "
                + "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.");
        ObjectNode tolerating = tolerate(pod("etcd"), "node-role.kubernetes.io/control-plane", "Exists", null, "NoSchedule");
        assertThat(schedule(tolerating, master).nodeName()).isEqualTo("controlplane");
    }

    @Test
    void failureMessageSortsReasonsAsStrings() {
        Decision d = schedule(requests(pod("big"), "5", null),
                info(controlPlane("controlplane")), info(worker("node2", 1)), info(worker("node3", 2)));

        assertThat(d.scheduled()).isFalse();
        assertThat(d.failureMessage()).isEqualTo("0/3 nodes are available: "
                + "1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. "
                + "preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, "
                + "2 No preemption victims found for incoming pod.");
    }

    @Test
    void countsAreSortedAsPartOfTheStringSoTenComesBeforeTwo() {
        List<NodeInfo> nodes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            nodes.add(info(taint(worker("gpu" + i, i), "dedicated", "gpu", "NoSchedule")));
        }
        nodes.add(info(worker("small1", 10), using("3500m", null)));
        nodes.add(info(worker("small2", 11), using("3500m", null)));

        Decision d = SchedulingAlgorithm.schedule(requests(pod("web"), "1", null), nodes, List.of(), random::nextInt, 0);

        assertThat(d.failureMessage()).isEqualTo("0/12 nodes are available: "
                + "10 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu. "
                + "preemption: 0/12 nodes are available: 10 Preemption is not helpful for scheduling, "
                + "2 No preemption victims found for incoming pod.");
    }

    @Test
    void aNodeReportsOnlyItsFirstFailingFilter() {
        ObjectNode node = taint(cordon(worker("node1", 1)), "dedicated", "gpu", "NoSchedule");
        ObjectNode pod = hostPort(requests(pod("web"), "8", null), 80, null, null);

        assertThat(schedule(pod, info(node, hostPort(pod("other"), 80, null, null))).failureMessage())
                .isEqualTo("0/1 nodes are available: 1 node(s) were unschedulable. "
                        + "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.");
    }

    @Test
    void noNodesAtAll() {
        Decision d = SchedulingAlgorithm.schedule(pod("web"), List.of(), List.of(), random::nextInt, 0);

        assertThat(d).isEqualTo(new Decision(null, "no nodes available to schedule pods", 0));
    }

    @Test
    void replicasSpreadAcrossNodes() {
        Map<String, NodeInfo> nodes = new LinkedHashMap<>();
        nodes.put("controlplane", info(controlPlane("controlplane")));
        nodes.put("node2", info(worker("node2", 1)));
        nodes.put("node3", info(worker("node3", 2)));
        List<LabelSelector> replicaSet = List.of(LabelSelector.parse("app=web"));
        Map<String, Integer> placed = new LinkedHashMap<>();
        int start = 0;

        for (int i = 0; i < 5; i++) {
            ObjectNode pod = pod("web-" + i, "app", "web");
            Decision d = SchedulingAlgorithm.schedule(pod, List.copyOf(nodes.values()), replicaSet, random::nextInt, start);
            start = (start + d.examined()) % nodes.size();
            ((ObjectNode) pod.get("spec")).put("nodeName", d.nodeName());
            nodes.put(d.nodeName(), nodes.get(d.nodeName()).withPod(pod));
            placed.merge(d.nodeName(), 1, Integer::sum);
            assertThat(Math.abs(placed.getOrDefault("node2", 0) - placed.getOrDefault("node3", 0))).isLessThanOrEqualTo(1);
        }

        assertThat(placed.values()).containsExactlyInAnyOrder(3, 2);
    }

    @Test
    void spreadCountsPodsSelectedByEverySelectorInThePodsNamespace() {
        List<LabelSelector> selectors = List.of(LabelSelector.parse("app=web"), LabelSelector.parse("tier=front"));
        ObjectNode onlyApp = pod("a", "app", "web");
        ObjectNode both = pod("b", "app", "web", "tier", "front");
        ObjectNode bothElsewhere = pod("c", "app", "web", "tier", "front");
        ((ObjectNode) bothElsewhere.get("metadata")).put("namespace", "other");

        List<NodeInfo> nodes = List.of(info(worker("node1", 1), onlyApp), info(worker("node2", 2), both));
        List<NodeInfo> otherNamespace = List.of(info(worker("node1", 1), bothElsewhere), info(worker("node2", 2), both));
        for (int i = 0; i < 10; i++) {
            ObjectNode pod = pod("new", "app", "web", "tier", "front");
            assertThat(SchedulingAlgorithm.schedule(pod, nodes, selectors, random::nextInt, i).nodeName()).isEqualTo("node1");
            assertThat(SchedulingAlgorithm.schedule(pod, otherNamespace, selectors, random::nextInt, i).nodeName())
                    .isEqualTo("node1");
        }
    }

    @Test
    void zoneSpreadingCountsEveryNodeOfTheZone() {
        String zone = "topology.kubernetes.io/zone";
        List<NodeInfo> nodes = List.of(info(label(worker("n1", 1), zone, "a"), pod("web-0", "app", "web")),
                info(label(worker("n2", 2), zone, "a")), info(label(worker("n3", 3), zone, "b")));
        List<LabelSelector> replicaSet = List.of(LabelSelector.parse("app=web"));

        for (int i = 0; i < 10; i++) {
            assertThat(SchedulingAlgorithm.schedule(pod("web-1", "app", "web"), nodes, replicaSet, random::nextInt, i)
                    .nodeName()).as("n2 is empty too, but its zone already has a replica").isEqualTo("n3");
        }
    }

    @Test
    void conflictingPinnedNodeNamesFailInPreFilter() {
        ObjectNode pod = pod("web");
        ((ObjectNode) pod.get("spec")).set("affinity", json("""
                {'nodeAffinity': {'requiredDuringSchedulingIgnoredDuringExecution': {'nodeSelectorTerms': [
                  {'matchFields': [{'key': 'metadata.name', 'operator': 'In', 'values': ['node1']},
                                   {'key': 'metadata.name', 'operator': 'In', 'values': ['node2']}]}]}}}"""));

        assertThat(schedule(pod, info(worker("node1", 1)), info(worker("node2", 2)))).isEqualTo(new Decision(null,
                "0/2 nodes are available: pod affinity terms conflict. "
                        + "preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.", 0));
    }

    @Test
    void tiesAreBrokenByTheRandomSource() {
        List<NodeInfo> nodes = List.of(info(worker("n1", 1)), info(worker("n2", 2)), info(worker("n3", 3)));
        List<Integer> bounds = new ArrayList<>();
        IntUnaryOperator alwaysReplace = bound -> {
            bounds.add(bound);
            return 0;
        };
        IntUnaryOperator neverReplace = bound -> bound - 1;

        assertThat(SchedulingAlgorithm.schedule(pod("web"), nodes, List.of(), alwaysReplace, 0).nodeName()).isEqualTo("n3");
        assertThat(bounds).containsExactly(2, 3);
        assertThat(SchedulingAlgorithm.schedule(pod("web"), nodes, List.of(), neverReplace, 0).nodeName()).isEqualTo("n1");
        Set<String> chosen = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            chosen.add(SchedulingAlgorithm.schedule(pod("web"), nodes, List.of(), random::nextInt, 0).nodeName());
        }
        assertThat(chosen).containsExactlyInAnyOrder("n1", "n2", "n3");
    }

    @Test
    void aSingleFeasibleNodeIsTakenWithoutScoringOrRandomness() {
        IntUnaryOperator noRandom = bound -> {
            throw new AssertionError("random used");
        };
        Decision d = SchedulingAlgorithm.schedule(pod("web"),
                List.of(info(controlPlane("controlplane")), info(worker("node2", 1))), List.of(), noRandom, 0);

        assertThat(d).isEqualTo(new Decision("node2", null, 2));
    }

    @Test
    void insufficientCpu() {
        Decision d = schedule(requests(pod("web"), "2", null),
                info(worker("node1", 1), using("3", null)), info(worker("node2", 2), using("2500m", null)));

        assertThat(d.failureMessage()).isEqualTo("0/2 nodes are available: 2 Insufficient cpu. "
                + "preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.");
        assertThat(schedule(requests(pod("web"), "1", null), info(worker("node1", 1), using("3", null))).nodeName())
                .isEqualTo("node1");
        assertThat(schedule(pod("besteffort"), info(worker("node1", 1), using("4", "8050256Ki"))).nodeName())
                .as("a pod without requests always fits").isEqualTo("node1");
    }

    @Test
    void aNodeContributesEveryInsufficientResource() {
        ObjectNode pod = requests(pod("web"), "1", "1Gi");
        ((ObjectNode) pod.at("/spec/containers/0/resources/requests")).put("nvidia.com/gpu", "1");

        assertThat(schedule(pod, info(worker("node1", 1), using("3500m", "7.5Gi"))).failureMessage())
                .isEqualTo("0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, "
                        + "1 Insufficient nvidia.com/gpu. "
                        + "preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.");
    }

    @Test
    void tooManyPods() {
        ObjectNode node = worker("node1", 1);
        ((ObjectNode) node.at("/status/allocatable")).put("pods", "2");

        assertThat(schedule(pod("web"), info(node, pod("a"))).nodeName()).isEqualTo("node1");
        assertThat(schedule(pod("web"), info(node, pod("a"), pod("b"))).failureMessage())
                .isEqualTo("0/1 nodes are available: 1 Too many pods. "
                        + "preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.");
    }

    @Test
    void hostPortConflict() {
        NodeInfo busy = info(worker("node1", 1), hostPort(pod("proxy"), 8080, null, null));
        NodeInfo free = info(worker("node2", 2));

        for (int i = 0; i < 10; i++) {
            assertThat(schedule(hostPort(pod("web"), 8080, "TCP", null), busy, free).nodeName()).isEqualTo("node2");
        }
        assertThat(schedule(hostPort(pod("web"), 8080, null, null), busy).failureMessage())
                .isEqualTo("0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. "
                        + "preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.");
        assertThat(schedule(hostPort(pod("dns"), 8080, "UDP", null), busy).nodeName()).isEqualTo("node1");
        assertThat(schedule(hostPort(pod("web"), 8080, null, "10.0.0.1"), busy).scheduled())
                .as("0.0.0.0 overlaps every address").isFalse();
        NodeInfo boundToOneIp = info(worker("node1", 1), hostPort(pod("proxy"), 8080, null, "10.0.0.1"));
        assertThat(schedule(hostPort(pod("web"), 8080, null, "10.0.0.2"), boundToOneIp).scheduled()).isTrue();
    }

    @Test
    void nodeSelectorAndRequiredAffinity() {
        NodeInfo ssd = info(label(worker("node1", 1), "disk", "ssd"));
        NodeInfo hdd = info(label(worker("node2", 2), "disk", "hdd"));
        ObjectNode wantsSsd = pod("db");
        ((ObjectNode) wantsSsd.get("spec")).putObject("nodeSelector").put("disk", "ssd");
        ObjectNode wantsNvme = pod("db");
        ((ObjectNode) wantsNvme.get("spec")).set("affinity", json("""
                {'nodeAffinity': {'requiredDuringSchedulingIgnoredDuringExecution': {'nodeSelectorTerms': [
                  {'matchExpressions': [{'key': 'disk', 'operator': 'In', 'values': ['nvme']}]}]}}}"""));

        for (int i = 0; i < 10; i++) {
            assertThat(schedule(wantsSsd, hdd, ssd).nodeName()).isEqualTo("node1");
        }
        assertThat(schedule(wantsNvme, ssd, hdd).failureMessage())
                .isEqualTo("0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. "
                        + "preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.");
    }

    @Test
    void daemonSetPodsAreOnlyCheckedAgainstTheirPinnedNode() {
        ObjectNode daemon = requests(pod("fluentd-x"), "1", null);
        ((ObjectNode) daemon.get("spec")).set("affinity", json("""
                {'nodeAffinity': {'requiredDuringSchedulingIgnoredDuringExecution': {'nodeSelectorTerms': [
                  {'matchFields': [{'key': 'metadata.name', 'operator': 'In', 'values': ['node2']}]}]}}}"""));
        NodeInfo master = info(controlPlane("controlplane"));
        NodeInfo node3 = info(worker("node3", 2));

        assertThat(schedule(daemon, master, info(worker("node2", 1)), node3)).isEqualTo(new Decision("node2", null, 1));
        Decision full = schedule(daemon, master, info(worker("node2", 1), using("3500m", null)), node3);
        assertThat(full.failureMessage()).isEqualTo("0/3 nodes are available: "
                + "1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. "
                + "preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, "
                + "2 Preemption is not helpful for scheduling.");
        assertThat(full.examined()).isEqualTo(1);
    }

    @Test
    void preferredAffinityWinsScoring() {
        ObjectNode pod = pod("web");
        ((ObjectNode) pod.get("spec")).set("affinity", json("""
                {'nodeAffinity': {'preferredDuringSchedulingIgnoredDuringExecution': [
                  {'weight': 10, 'preference': {'matchExpressions': [{'key': 'disk', 'operator': 'In', 'values': ['ssd']}]}}]}}"""));
        NodeInfo[] nodes = {info(worker("node1", 1)), info(label(worker("node2", 2), "disk", "ssd")), info(worker("node3", 3))};

        for (int i = 0; i < 10; i++) {
            assertThat(schedule(pod, nodes).nodeName()).isEqualTo("node2");
        }
    }

    @Test
    void preferNoScheduleIsAvoidedNotForbidden() {
        NodeInfo soft = info(taint(worker("node1", 1), "maintenance", "soon", "PreferNoSchedule"));

        for (int i = 0; i < 10; i++) {
            assertThat(schedule(pod("web"), soft, info(worker("node2", 2))).nodeName()).isEqualTo("node2");
        }
        assertThat(schedule(pod("web"), soft, info(cordon(worker("node2", 2)))).nodeName()).isEqualTo("node1");
    }

    @Test
    void cordonedNodeRejectedUnlessTolerated() {
        NodeInfo cordoned = info(cordon(worker("node1", 1)));

        assertThat(schedule(pod("web"), cordoned).failureMessage())
                .isEqualTo("0/1 nodes are available: 1 node(s) were unschedulable. "
                        + "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.");
        ObjectNode daemon = tolerate(pod("agent"), "node.kubernetes.io/unschedulable", "Exists", null, "NoSchedule");
        assertThat(schedule(daemon, cordoned).nodeName()).isEqualTo("node1");
    }

    @Test
    void leastAllocatedPrefersTheEmptierNode() {
        NodeInfo loaded = info(worker("node1", 1), using("2", "2Gi"));

        for (int i = 0; i < 10; i++) {
            assertThat(schedule(requests(pod("web"), "100m", "64Mi"), loaded, info(worker("node2", 2))).nodeName())
                    .isEqualTo("node2");
        }
    }

    @Test
    void aPodThatNeverPreemptsSaysSo() {
        ObjectNode pod = requests(pod("web"), "8", null);
        ((ObjectNode) pod.get("spec")).put("preemptionPolicy", "Never");

        assertThat(schedule(pod, info(worker("node1", 1))).failureMessage()).isEqualTo(
                "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.");
    }

    @Test
    void podRequestIsTheLargerOfAppContainersAndInitContainersPlusOverhead() {
        ObjectNode pod = json("""
                {'metadata': {'name': 'p', 'namespace': 'default'},
                 'spec': {'containers': [{'name': 'a', 'resources': {'requests': {'cpu': '1', 'memory': '1Gi'}}},
                                         {'name': 'b', 'resources': {'requests': {'cpu': '500m'}}}],
                          'initContainers': [{'name': 'init', 'resources': {'requests': {'cpu': '2', 'memory': '256Mi'}}}],
                          'overhead': {'cpu': '250m'}}}""").deepCopy();
        PodDemand demand = PodDemand.of(pod);

        assertThat(demand.requests().milliCpu()).isEqualTo(2250);
        assertThat(demand.requests().memory()).isEqualTo(1L << 30);
        assertThat(demand.nonZeroMilliCpu()).isEqualTo(2250);
        assertThat(demand.nonZeroMemory()).as("b counts 200Mi for scoring").isEqualTo((1L << 30) + (200L << 20));
        ((ObjectNode) pod.at("/spec/initContainers/0")).put("restartPolicy", "Always");
        assertThat(PodDemand.of(pod).requests().milliCpu()).as("a sidecar adds to the app containers").isEqualTo(3750);
    }

    @Test
    void filteringStopsOnceEnoughFeasibleNodesAreFound() {
        assertThat(SchedulingAlgorithm.numFeasibleNodesToFind(10)).isEqualTo(10);
        assertThat(SchedulingAlgorithm.numFeasibleNodesToFind(99)).isEqualTo(99);
        assertThat(SchedulingAlgorithm.numFeasibleNodesToFind(100)).isEqualTo(100);
        assertThat(SchedulingAlgorithm.numFeasibleNodesToFind(150)).isEqualTo(100);
        assertThat(SchedulingAlgorithm.numFeasibleNodesToFind(1000)).isEqualTo(420);
        assertThat(SchedulingAlgorithm.numFeasibleNodesToFind(5000)).isEqualTo(500);
        assertThat(SchedulingAlgorithm.numFeasibleNodesToFind(20000)).isEqualTo(1000);

        List<NodeInfo> nodes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            nodes.add(info(worker(String.format("n%04d", i), i)));
        }
        Decision d = SchedulingAlgorithm.schedule(pod("web"), nodes, List.of(), random::nextInt, 900);

        assertThat(d.examined()).isEqualTo(420);
        int index = Integer.parseInt(d.nodeName().substring(1));
        assertThat(index >= 900 || index < 320).as("chosen among the 420 nodes from index 900, wrapping").isTrue();
    }

    @Test
    void withPodAddsToTheNodesUsage() {
        NodeInfo node = info(worker("node1", 1)).withPod(requests(pod("a"), "1", "1Gi")).withPod(pod("b"));

        assertThat(node.pods()).hasSize(2);
        assertThat(node.usage().requested().milliCpu()).isEqualTo(1000);
        assertThat(node.usage().nonZeroMilliCpu()).isEqualTo(1100);
        assertThat(node).isEqualTo(info(worker("node1", 1), requests(pod("a"), "1", "1Gi"), pod("b")));
        assertThat(Json.write(node.node())).contains("\"name\":\"node1\"");
    }
}
