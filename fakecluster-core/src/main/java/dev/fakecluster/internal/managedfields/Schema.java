package dev.fakecluster.internal.managedfields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.kinds.KindRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of a kind's OpenAPI schema that server-side apply reads: which lists are associative
 * ({@code x-kubernetes-list-type: map}, with their {@code x-kubernetes-list-map-keys}), which are
 * sets, and which maps are atomic. Lists are atomic unless listed here, as in the schema. Custom
 * resources get the metadata rules only: their own lists are atomic.
 */
final class Schema {

    private static final List<String> NAME = List.of("name");
    private static final Map<String, List<String>> KEYED = Map.ofEntries(
            Map.entry("containers", NAME), Map.entry("initContainers", NAME), Map.entry("ephemeralContainers", NAME),
            Map.entry("volumes", NAME), Map.entry("env", NAME), Map.entry("imagePullSecrets", NAME),
            Map.entry("resourceClaims", NAME), Map.entry("schedulingGates", NAME),
            Map.entry("volumeMounts", List.of("mountPath")), Map.entry("volumeDevices", List.of("devicePath")),
            Map.entry("hostAliases", List.of("ip")), Map.entry("podIPs", List.of("ip")),
            Map.entry("hostIPs", List.of("ip")),
            Map.entry("topologySpreadConstraints", List.of("topologyKey", "whenUnsatisfiable")));
    private static final Set<String> CONTAINER_LISTS = Set.of("containers", "initContainers", "ephemeralContainers");
    /** LabelSelector and friends carry {@code x-kubernetes-map-type: atomic}. */
    private static final Set<String> ATOMIC_MAPS = Set.of("selector", "podSelector", "namespaceSelector",
            "labelSelector");
    /** Maps with free-form keys (Go maps rather than structs): the map itself is a member when it appears. */
    private static final Set<String> FREE_FORM_MAPS = Set.of("labels", "annotations", "nodeSelector", "data",
            "binaryData", "stringData", "limits", "requests", "capacity", "allocatable", "hard", "used");

    private final boolean builtIn;
    private final String kind;

    private Schema(boolean builtIn, String kind) {
        this.builtIn = builtIn;
        this.kind = kind;
    }

    static Schema of(KindInfo kind) {
        return new Schema(KindRegistry.builtIns().forResource(kind.resource()).isPresent(), kind.kind());
    }

    /** How the list at {@code names} (the field names along its path) merges. */
    ListType list(List<String> names) {
        String last = names.get(names.size() - 1);
        boolean inMetadata = names.size() == 2 && names.get(0).equals("metadata");
        if (inMetadata && last.equals("ownerReferences")) {
            return ListType.keyed(List.of("uid"));
        }
        if (inMetadata && last.equals("finalizers")) {
            return ListType.SET;
        }
        if (!builtIn) {
            return ListType.ATOMIC;
        }
        String parent = names.size() > 1 ? names.get(names.size() - 2) : "";
        return switch (last) {
            case "ports" -> CONTAINER_LISTS.contains(parent) ? ListType.keyed(List.of("containerPort", "protocol"))
                    : isService() && names.equals(List.of("spec", "ports")) ? ListType.keyed(List.of("port", "protocol"))
                    : ListType.ATOMIC;
            case "conditions" -> kind.equals("Job") ? ListType.ATOMIC : ListType.keyed(List.of("type"));
            case "podCIDRs" -> ListType.SET;
            default -> KEYED.containsKey(last) ? ListType.keyed(KEYED.get(last)) : ListType.ATOMIC;
        };
    }

    /** Whether the map at {@code names} is replaced as a whole rather than merged field by field. */
    boolean atomicMap(List<String> names) {
        String last = names.get(names.size() - 1);
        return builtIn && ATOMIC_MAPS.contains(last) && !(last.equals("selector") && selectorIsStringMap());
    }

    /** Whether the map at {@code names} has free-form keys (its presence is owned along with its entries). */
    boolean freeForm(List<String> names) {
        String last = names.get(names.size() - 1);
        return FREE_FORM_MAPS.contains(last) || last.equals("selector") && selectorIsStringMap();
    }

    private boolean selectorIsStringMap() {
        return isService() || kind.equals("ReplicationController");
    }

    private boolean isService() {
        return kind.equals("Service");
    }

    /**
     * The path element of a list item: {@code k:{...}} with the key fields in name order for an
     * associative list ({@code protocol} defaults to TCP, as the schema says), {@code v:<json>} for
     * a set.
     */
    static String element(ListType type, JsonNode item) {
        if (type.set()) {
            return "v:" + Json.write(item);
        }
        ObjectNode key = Json.object();
        type.keys().stream().sorted().forEach(k -> {
            JsonNode v = item.get(k);
            if (v != null && !v.isNull()) {
                key.set(k, v);
            } else if (k.equals("protocol")) {
                key.put(k, "TCP");
            }
        });
        return "k:" + Json.write(key);
    }

    /**
     * A list's merge semantics.
     *
     * @param keys the map keys of an associative list (empty otherwise)
     * @param set whether the list is a set of scalars
     */
    record ListType(List<String> keys, boolean set) {
        static final ListType ATOMIC = new ListType(List.of(), false);
        static final ListType SET = new ListType(List.of(), true);

        static ListType keyed(List<String> keys) {
            return new ListType(keys, false);
        }

        boolean atomic() {
            return keys.isEmpty() && !set;
        }
    }
}
