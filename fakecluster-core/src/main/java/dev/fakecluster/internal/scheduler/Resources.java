package dev.fakecluster.internal.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongBinaryOperator;

/**
 * Amounts of compute resources as the scheduler keeps them ({@code framework.Resource}): cpu in
 * millicores, memory and ephemeral storage in bytes, and the "scalar" resources (extended resources
 * such as {@code nvidia.com/gpu}, {@code hugepages-*}, {@code attachable-volumes-*}) in whole units.
 * Other names are ignored, like the scheduler does. A malformed quantity counts as 0 (the API
 * server is expected to reject it).
 *
 * @param milliCpu cpu in millicores
 * @param memory bytes
 * @param ephemeralStorage bytes
 * @param scalars the other resources by name
 */
record Resources(long milliCpu, long memory, long ephemeralStorage, Map<String, Long> scalars) {

    static final Resources NONE = new Resources(0, 0, 0, Map.of());

    Resources {
        scalars = Map.copyOf(scalars);
    }

    /** Reads a ResourceList object ({@code {"cpu": "100m", "memory": "128Mi"}}); null or missing is none. */
    static Resources of(JsonNode list) {
        if (list == null || !list.isObject() || list.isEmpty()) {
            return NONE;
        }
        long cpu = 0;
        long memory = 0;
        long ephemeral = 0;
        Map<String, Long> scalars = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : list.properties()) {
            String name = e.getKey();
            switch (name) {
                case "cpu" -> cpu = quantity(e.getValue(), true);
                case "memory" -> memory = quantity(e.getValue(), false);
                case "ephemeral-storage" -> ephemeral = quantity(e.getValue(), false);
                default -> {
                    if (isScalar(name)) {
                        scalars.put(name, quantity(e.getValue(), false));
                    }
                }
            }
        }
        return new Resources(cpu, memory, ephemeral, scalars);
    }

    /** Whether the scheduler accounts {@code name} as a scalar resource. */
    static boolean isScalar(String name) {
        return name.indexOf('/') >= 0 || name.startsWith("hugepages-") || name.startsWith("attachable-volumes-");
    }

    /** The amount of a scalar resource, 0 when absent. */
    long scalar(String name) {
        return scalars.getOrDefault(name, 0L);
    }

    /** The sum, resource by resource. */
    Resources plus(Resources other) {
        return combine(other, Long::sum);
    }

    /** The larger amount, resource by resource. */
    Resources max(Resources other) {
        return combine(other, Math::max);
    }

    /** These amounts with cpu and memory set to the given values where {@code list} does not name them. */
    Resources withDefaults(JsonNode list, long defaultMilliCpu, long defaultMemory) {
        boolean hasCpu = list != null && list.has("cpu");
        boolean hasMemory = list != null && list.has("memory");
        return hasCpu && hasMemory ? this : new Resources(hasCpu ? milliCpu : defaultMilliCpu,
                hasMemory ? memory : defaultMemory, ephemeralStorage, scalars);
    }

    private Resources combine(Resources other, LongBinaryOperator op) {
        Map<String, Long> merged = scalars;
        if (!other.scalars.isEmpty()) {
            merged = new HashMap<>(scalars);
            for (Map.Entry<String, Long> e : other.scalars.entrySet()) {
                merged.merge(e.getKey(), e.getValue(), op::applyAsLong);
            }
        }
        return new Resources(op.applyAsLong(milliCpu, other.milliCpu), op.applyAsLong(memory, other.memory),
                op.applyAsLong(ephemeralStorage, other.ephemeralStorage), merged);
    }

    private static long quantity(JsonNode value, boolean milli) {
        try {
            return milli ? Quantity.milliValue(value.asText()) : Quantity.value(value.asText());
        } catch (IllegalArgumentException | ArithmeticException e) {
            return 0;
        }
    }
}
