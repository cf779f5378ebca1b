package dev.fakecluster.internal.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.select.LabelSelector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;

/**
 * The kube-scheduler's decision for one pod (the default profile of a 1.32 scheduler), as a pure
 * function: PreFilter/Filter, Score, host selection and the FitError message, without state or I/O.
 *
 * <p>Filters run in the default plugin order and a node stops at its first failing plugin:
 * NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit (which
 * reports every insufficient resource). The NodeAffinity PreFilter narrows the candidates to the node
 * names pinned by {@code matchFields metadata.name In} (DaemonSet pods). Like upstream, filtering starts
 * at a rotating index and stops once {@code numFeasibleNodesToFind} feasible nodes are found.
 *
 * <p>Scores (0–100 each, weighted): TaintToleration ×3, NodeAffinity ×2, PodTopologySpread ×2 (the
 * system default constraints only), NodeResourcesFit LeastAllocated ×1, BalancedAllocation ×1. The
 * highest total wins; ties are broken by reservoir sampling with the caller's random source. A single
 * feasible node is chosen without scoring.
 *
 * <p>Not modelled: inter-pod (anti-)affinity, explicit {@code topologySpreadConstraints} (a pod that
 * has them gets no spreading score), volumes, image locality (equal on every node here), and
 * preemption itself: the message's preemption part reports, as a 1.32 scheduler does when no pod has
 * a lower priority, "No preemption victims" for nodes that failed on ports or resources and "not
 * helpful" for the rest.
 */
public final class SchedulingAlgorithm {

    /** The message when the cluster has no node at all. */
    public static final String NO_NODES = "no nodes available to schedule pods";

    private static final String REASON_UNSCHEDULABLE = "node(s) were unschedulable";
    private static final String REASON_NODE_NAME = "node(s) didn't match the requested node name";
    private static final String REASON_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
    private static final String REASON_PORTS = "node(s) didn't have free ports for the requested pod ports";
    private static final String REASON_NOT_PINNED = "node(s) didn't satisfy plugin(s) [NodeAffinity]";
    private static final String REASON_CONFLICT = "pod affinity terms conflict";
    private static final String NOT_HELPFUL = "Preemption is not helpful for scheduling";
    private static final String NO_VICTIMS = "No preemption victims found for incoming pod";
    private static final String NEVER_PREEMPTS = "not eligible due to preemptionPolicy=Never.";

    private static final JsonNode UNSCHEDULABLE_TAINT = Json.object()
            .put("key", "node.kubernetes.io/unschedulable").put("effect", "NoSchedule");
    private static final String HOSTNAME_LABEL = "kubernetes.io/hostname";
    private static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    private static final int HOSTNAME_MAX_SKEW = 3;
    private static final int ZONE_MAX_SKEW = 5;
    private static final int MAX_SCORE = 100;
    private static final int MIN_FEASIBLE_NODES_TO_FIND = 100;
    private static final int MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

    private SchedulingAlgorithm() {
    }

    /**
     * What the scheduler knows about one node: the Node object and the pods bound to it (not
     * terminal), with the aggregates it derives from them.
     *
     * <p>Building one reads every pod; keep NodeInfos between calls and use {@link #withPod} after a
     * binding, rebuilding a node's NodeInfo only when the node or a pod on it changes otherwise.
     *
     * @param node the Node object
     * @param pods the pods bound to it
     * @param usage what the scheduler derives from both
     */
    public record NodeInfo(JsonNode node, List<JsonNode> pods, NodeUsage usage) {

        public NodeInfo {
            pods = List.copyOf(pods);
        }

        /** Reads the node's allocatable and its pods' requests, ports and labels once. */
        public NodeInfo(JsonNode node, List<JsonNode> pods) {
            this(node, pods, NodeUsage.of(node, pods));
        }

        /** This node with {@code pod} bound as well; only the new pod is read. */
        public NodeInfo withPod(JsonNode pod) {
            List<JsonNode> all = new ArrayList<>(pods);
            all.add(pod);
            return new NodeInfo(node, all, usage.plus(List.of(PodDemand.of(pod))));
        }

        /** The node's name. */
        public String name() {
            return node.path("metadata").path("name").asText();
        }
    }

    /**
     * The outcome of one scheduling attempt.
     *
     * @param nodeName the chosen node, or null when the pod does not fit
     * @param failureMessage the FitError text when it does not fit, else null
     * @param examined how many nodes the filters examined: the caller advances its rotating start
     *     index by this much, modulo the number of nodes, as upstream's {@code nextStartNodeIndex}
     */
    public record Decision(String nodeName, String failureMessage, int examined) {

        /** Whether a node was chosen. */
        public boolean scheduled() {
            return nodeName != null;
        }
    }

    /**
     * Chooses a node for {@code pod}.
     *
     * @param pod the Pod object to place
     * @param nodes every node of the cluster, in a stable order
     * @param spreadSelectors the selectors of the Services, ReplicaSets, ReplicationControllers and
     *     StatefulSets that select the pod; like upstream's {@code DefaultSelector} they are AND'ed,
     *     and none means no default topology spreading
     * @param random returns a uniform int in [0, n) for bound n (the cluster's seeded random)
     * @param startIndex the rotating index the filters start at (taken modulo the candidate count)
     * @return the node, or the FitError message
     */
    public static Decision schedule(JsonNode pod, List<NodeInfo> nodes, List<LabelSelector> spreadSelectors,
            IntUnaryOperator random, int startIndex) {
        if (nodes.isEmpty()) {
            return new Decision(null, NO_NODES, 0);
        }
        Incoming in = Incoming.of(pod);
        Optional<Set<String>> pinned = NodeAffinity.pinnedNodeNames(pod);
        if (pinned.isPresent() && pinned.get().isEmpty()) {
            return new Decision(null, conflictMessage(in, nodes.size()), 0);
        }
        List<NodeInfo> candidates = pinned.map(names -> restrict(nodes, names)).orElse(nodes);
        Filtered filtered = filter(in, candidates, startIndex);
        List<NodeInfo> feasible = filtered.feasible();
        if (feasible.isEmpty()) {
            return new Decision(null, fitError(in, nodes.size(), filtered.rejections()), filtered.examined());
        }
        if (feasible.size() == 1) {
            return new Decision(feasible.get(0).name(), null, filtered.examined());
        }
        long[] totals = score(in, feasible, nodes, spreadSelectors);
        return new Decision(feasible.get(selectHost(totals, random)).name(), null, filtered.examined());
    }

    /** What is read from the incoming pod once per attempt. */
    private record Incoming(PodDemand demand, String nodeName, JsonNode tolerations, NodeAffinity.Required required,
            NodeAffinity.Preferred preferred, boolean explicitSpread, boolean neverPreempts) {

        static Incoming of(JsonNode pod) {
            JsonNode spec = pod.path("spec");
            return new Incoming(PodDemand.of(pod), Objects.requireNonNullElse(Json.text(spec, "nodeName"), ""),
                    spec.path("tolerations"),
                    NodeAffinity.required(pod), NodeAffinity.preferred(pod),
                    !spec.path("topologySpreadConstraints").isEmpty(),
                    "Never".equals(spec.path("preemptionPolicy").asText()));
        }
    }

    /**
     * Why a node failed.
     *
     * @param reasons the filter's reasons (several only for NodeResourcesFit)
     * @param preemptionMightHelp false for UnschedulableAndUnresolvable failures
     */
    private record Rejection(List<String> reasons, boolean preemptionMightHelp) {
    }

    /** The outcome of the filter phase. */
    private record Filtered(List<NodeInfo> feasible, List<Rejection> rejections, int examined) {
    }

    // ---- PreFilter and Filter ----

    private static List<NodeInfo> restrict(List<NodeInfo> nodes, Set<String> names) {
        List<NodeInfo> out = new ArrayList<>(names.size());
        for (NodeInfo n : nodes) {
            if (names.contains(n.name())) {
                out.add(n);
            }
        }
        return out;
    }

    private static Filtered filter(Incoming in, List<NodeInfo> candidates, int startIndex) {
        int n = candidates.size();
        int wanted = numFeasibleNodesToFind(n);
        int start = n == 0 ? 0 : Math.floorMod(startIndex, n);
        List<NodeInfo> feasible = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        int examined = 0;
        while (examined < n && feasible.size() < wanted) {
            NodeInfo node = candidates.get((start + examined) % n);
            examined++;
            Optional<Rejection> rejection = rejection(in, node);
            if (rejection.isPresent()) {
                rejections.add(rejection.get());
            } else {
                feasible.add(node);
            }
        }
        return new Filtered(feasible, rejections, examined);
    }

    /** Upstream's adaptive percentageOfNodesToScore: every node below 100, else max(5, 50 - n/125) %, at least 100. */
    static int numFeasibleNodesToFind(int nodes) {
        if (nodes < MIN_FEASIBLE_NODES_TO_FIND) {
            return nodes;
        }
        int percentage = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, 50 - nodes / 125);
        return Math.max(MIN_FEASIBLE_NODES_TO_FIND, nodes * percentage / 100);
    }

    /** The first failing filter plugin's verdict, or empty when the node passes them all. */
    private static Optional<Rejection> rejection(Incoming in, NodeInfo info) {
        JsonNode node = info.node();
        JsonNode spec = node.path("spec");
        if (spec.path("unschedulable").asBoolean() && !Tolerations.tolerates(in.tolerations(), UNSCHEDULABLE_TAINT)) {
            return unresolvable(REASON_UNSCHEDULABLE);
        }
        if (!in.nodeName().isEmpty() && !in.nodeName().equals(info.name())) {
            return unresolvable(REASON_NODE_NAME);
        }
        Optional<JsonNode> taint = Tolerations.firstUntolerated(in.tolerations(), spec.path("taints"),
                Tolerations.DO_NOT_SCHEDULE);
        if (taint.isPresent()) {
            return unresolvable("node(s) had untolerated taint " + Tolerations.describe(taint.get()));
        }
        if (!in.required().matches(node)) {
            return unresolvable(REASON_AFFINITY);
        }
        if (portsConflict(in.demand().hostPorts(), info.usage().usedPorts())) {
            return Optional.of(new Rejection(List.of(REASON_PORTS), true));
        }
        List<String> insufficient = insufficientResources(in.demand().requests(), info);
        return insufficient.isEmpty() ? Optional.empty() : Optional.of(new Rejection(insufficient, true));
    }

    private static Optional<Rejection> unresolvable(String reason) {
        return Optional.of(new Rejection(List.of(reason), false));
    }

    private static boolean portsConflict(List<HostPort> wanted, List<HostPort> used) {
        for (HostPort w : wanted) {
            for (HostPort u : used) {
                if (w.conflicts(u)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** NodeResourcesFit's reasons: the pod slot, then every resource the pod requests more of than is free. */
    private static List<String> insufficientResources(Resources want, NodeInfo info) {
        NodeUsage usage = info.usage();
        Resources alloc = usage.allocatable();
        Resources used = usage.requested();
        List<String> reasons = new ArrayList<>(1);
        if (info.pods().size() + 1 > usage.allowedPods()) {
            reasons.add("Too many pods");
        }
        addIfShort(reasons, "cpu", want.milliCpu(), alloc.milliCpu() - used.milliCpu());
        addIfShort(reasons, "memory", want.memory(), alloc.memory() - used.memory());
        addIfShort(reasons, "ephemeral-storage", want.ephemeralStorage(), alloc.ephemeralStorage() - used.ephemeralStorage());
        want.scalars().forEach((name, amount) -> addIfShort(reasons, name, amount, alloc.scalar(name) - used.scalar(name)));
        return reasons;
    }

    private static void addIfShort(List<String> reasons, String resource, long wanted, long free) {
        if (wanted > 0 && wanted > free) {
            reasons.add("Insufficient " + resource);
        }
    }

    // ---- Score ----

    private static long[] score(Incoming in, List<NodeInfo> feasible, List<NodeInfo> all,
            List<LabelSelector> spreadSelectors) {
        int n = feasible.size();
        long[] totals = new long[n];
        long[] taints = new long[n];
        long[] affinity = new long[n];
        for (int i = 0; i < n; i++) {
            NodeInfo node = feasible.get(i);
            taints[i] = intolerablePreferNoSchedule(in, node.node());
            affinity[i] = in.preferred().score(node.node());
            totals[i] = leastAllocated(in.demand(), node.usage()) + balancedAllocation(in.demand(), node.usage());
        }
        addWeighted(totals, 3, normalize(taints, true));
        addWeighted(totals, 2, normalize(affinity, false));
        if (!in.explicitSpread() && !allEverything(spreadSelectors)) {
            addWeighted(totals, 2, spreadScores(in, feasible, all, spreadSelectors));
        }
        return totals;
    }

    private static void addWeighted(long[] totals, int weight, long[] scores) {
        for (int i = 0; i < totals.length; i++) {
            totals[i] += weight * scores[i];
        }
    }

    /** helper.DefaultNormalizeScore: scale to 0..100 by the maximum; reversed, fewer is better. */
    private static long[] normalize(long[] raw, boolean reverse) {
        long max = 0;
        for (long r : raw) {
            max = Math.max(max, r);
        }
        long[] out = new long[raw.length];
        for (int i = 0; i < raw.length; i++) {
            long scaled = max == 0 ? 0 : MAX_SCORE * raw[i] / max;
            out[i] = reverse ? MAX_SCORE - scaled : scaled;
        }
        return out;
    }

    private static long intolerablePreferNoSchedule(Incoming in, JsonNode node) {
        long count = 0;
        for (JsonNode taint : node.path("spec").path("taints")) {
            if ("PreferNoSchedule".equals(Json.text(taint, "effect"))
                    && !Tolerations.tolerates(in.tolerations(), taint)) {
                count++;
            }
        }
        return count;
    }

    /** LeastAllocated over cpu and memory (weights 1, 1) with non-zero requests, integer arithmetic. */
    private static long leastAllocated(PodDemand pod, NodeUsage node) {
        long sum = 0;
        int resources = 0;
        long cpu = node.allocatable().milliCpu();
        if (cpu != 0) {
            sum += leastRequested(node.nonZeroMilliCpu() + pod.nonZeroMilliCpu(), cpu);
            resources++;
        }
        long memory = node.allocatable().memory();
        if (memory != 0) {
            sum += leastRequested(node.nonZeroMemory() + pod.nonZeroMemory(), memory);
            resources++;
        }
        return resources == 0 ? 0 : sum / resources;
    }

    private static long leastRequested(long requested, long capacity) {
        return requested > capacity ? 0 : (capacity - requested) * MAX_SCORE / capacity;
    }

    /** BalancedAllocation: (1 - std of the cpu and memory fractions) × 100, with the actual requests. */
    private static long balancedAllocation(PodDemand pod, NodeUsage node) {
        double[] fractions = new double[2];
        int count = 0;
        Resources alloc = node.allocatable();
        if (alloc.milliCpu() != 0) {
            fractions[count++] = fraction(node.requested().milliCpu() + pod.requests().milliCpu(), alloc.milliCpu());
        }
        if (alloc.memory() != 0) {
            fractions[count++] = fraction(node.requested().memory() + pod.requests().memory(), alloc.memory());
        }
        double std = count == 2 ? Math.abs(fractions[0] - fractions[1]) / 2 : 0;
        return (long) ((1 - std) * MAX_SCORE);
    }

    private static double fraction(long requested, long allocatable) {
        return Math.min(1.0, (double) requested / allocatable);
    }

    // ---- PodTopologySpread with the system default constraints ----

    private static boolean allEverything(List<LabelSelector> selectors) {
        for (LabelSelector s : selectors) {
            if (!s.isEverything()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Soft spreading over hostname (maxSkew 3) and zone (maxSkew 5): per node
     * {@code round(Σ count × log(domains + 2) + maxSkew - 1)} over the constraints whose label the
     * node has, then normalised so that the fewest matching pods score 100. The zone domains are the
     * feasible nodes' zone values, a missing label counting as the value "" (as upstream does for the
     * system defaults); a node without the label gets no zone term.
     */
    private static long[] spreadScores(Incoming in, List<NodeInfo> feasible, List<NodeInfo> all,
            List<LabelSelector> selectors) {
        Set<String> zoneDomains = new HashSet<>();
        for (NodeInfo n : feasible) {
            String zone = label(n.node(), ZONE_LABEL);
            zoneDomains.add(zone == null ? "" : zone);
        }
        Map<String, Long> podsPerZone = podsPerZone(in, all, zoneDomains, selectors);
        double hostnameWeight = Math.log(feasible.size() + 2);
        double zoneWeight = Math.log(zoneDomains.size() + 2);
        long[] raw = new long[feasible.size()];
        for (int i = 0; i < raw.length; i++) {
            NodeInfo n = feasible.get(i);
            double score = 0;
            if (label(n.node(), HOSTNAME_LABEL) != null) {
                score += matchingPods(n, in.demand().namespace(), selectors) * hostnameWeight + HOSTNAME_MAX_SKEW - 1;
            }
            String zone = label(n.node(), ZONE_LABEL);
            if (zone != null) {
                score += podsPerZone.getOrDefault(zone, 0L) * zoneWeight + ZONE_MAX_SKEW - 1;
            }
            raw[i] = Math.round(score);
        }
        return normalizeSpread(raw);
    }

    /**
     * Matching pods per zone, over every node (not only the feasible ones) that is labelled with one of
     * the domains and satisfies the pod's nodeSelector and required affinity (nodeAffinityPolicy Honor).
     */
    private static Map<String, Long> podsPerZone(Incoming in, List<NodeInfo> all, Set<String> zoneDomains,
            List<LabelSelector> selectors) {
        Map<String, Long> counts = new HashMap<>();
        boolean anyLabelledZone = zoneDomains.size() > 1 || !zoneDomains.contains("");
        if (!anyLabelledZone) {
            return counts;
        }
        for (NodeInfo n : all) {
            String zone = label(n.node(), ZONE_LABEL);
            if (zone != null && zoneDomains.contains(zone) && in.required().matches(n.node())) {
                counts.merge(zone, matchingPods(n, in.demand().namespace(), selectors), Long::sum);
            }
        }
        return counts;
    }

    /** Pods on the node, not terminating, in the namespace, that every selector selects. */
    private static long matchingPods(NodeInfo node, String namespace, List<LabelSelector> selectors) {
        return node.usage().spread().get(namespace, selectors, () -> countMatchingPods(node, namespace, selectors));
    }

    private static long countMatchingPods(NodeInfo node, String namespace, List<LabelSelector> selectors) {
        long count = 0;
        for (PodDemand p : node.usage().pods()) {
            if (!p.terminating() && p.namespace().equals(namespace) && selectedByAll(selectors, p.labels())) {
                count++;
            }
        }
        return count;
    }

    private static boolean selectedByAll(List<LabelSelector> selectors, Map<String, String> labels) {
        for (LabelSelector s : selectors) {
            if (!s.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** PodTopologySpread's NormalizeScore: 100 × (max + min - score) / max, all 100 when max is 0. */
    private static long[] normalizeSpread(long[] raw) {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (long r : raw) {
            min = Math.min(min, r);
            max = Math.max(max, r);
        }
        long[] out = new long[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = max == 0 ? MAX_SCORE : MAX_SCORE * (max + min - raw[i]) / max;
        }
        return out;
    }

    private static String label(JsonNode node, String key) {
        JsonNode v = node.path("metadata").path("labels").get(key);
        return v == null ? null : v.asText();
    }

    // ---- Host selection ----

    /** The index of a highest total; each further tie replaces the pick with probability 1/ties. */
    private static int selectHost(long[] totals, IntUnaryOperator random) {
        int best = 0;
        int ties = 1;
        for (int i = 1; i < totals.length; i++) {
            if (totals[i] > totals[best]) {
                best = i;
                ties = 1;
            } else if (totals[i] == totals[best]) {
                ties++;
                if (random.applyAsInt(ties) == 0) {
                    best = i;
                }
            }
        }
        return best;
    }

    // ---- FitError ----

    private static String fitError(Incoming in, int total, List<Rejection> rejections) {
        Map<String, Integer> reasons = new TreeMap<>();
        Map<String, Integer> preemption = new TreeMap<>();
        for (Rejection r : rejections) {
            r.reasons().forEach(reason -> reasons.merge(reason, 1, Integer::sum));
            preemption.merge(r.preemptionMightHelp() ? NO_VICTIMS : NOT_HELPFUL, 1, Integer::sum);
        }
        int absent = total - rejections.size();
        if (absent > 0) {
            reasons.merge(REASON_NOT_PINNED, absent, Integer::sum);
            preemption.merge(NOT_HELPFUL, absent, Integer::sum);
        }
        return available(total) + histogram(reasons) + ". " + postFilter(in, total, preemption);
    }

    private static String conflictMessage(Incoming in, int total) {
        return available(total) + REASON_CONFLICT + ". " + postFilter(in, total, Map.of(NOT_HELPFUL, total));
    }

    /** DefaultPreemption's message: its own FitError, prefixed with "preemption: ". */
    private static String postFilter(Incoming in, int total, Map<String, Integer> preemption) {
        if (in.neverPreempts()) {
            return "preemption: " + NEVER_PREEMPTS;
        }
        return "preemption: " + available(total) + histogram(preemption) + ".";
    }

    private static String available(int total) {
        return "0/" + total + " nodes are available: ";
    }

    /** "count reason" entries sorted as strings (so "10 x" sorts before "2 y"), joined with ", ". */
    private static String histogram(Map<String, Integer> counts) {
        List<String> entries = new ArrayList<>(counts.size());
        counts.forEach((reason, count) -> entries.add(count + " " + reason));
        entries.sort(null);
        return String.join(", ", entries);
    }
}
