package dev.fakecluster.internal.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Taint/toleration matching as Kubernetes does it ({@code Toleration.ToleratesTaint}): shared by the
 * scheduler, the DaemonSet controller and taint-based eviction.
 *
 * <p>A toleration matches a taint when its effect is empty or equal, its key is empty or equal, and
 * its operator is {@code Exists}, or {@code Equal} (the default) with an equal value. An empty key
 * with {@code Exists} therefore tolerates every taint.
 */
public final class Tolerations {

    /** Effects the scheduler's filter enforces: {@code NoSchedule} and {@code NoExecute}. */
    public static final Predicate<String> DO_NOT_SCHEDULE = e -> e.equals("NoSchedule") || e.equals("NoExecute");

    private Tolerations() {
    }

    /** Whether any of {@code tolerations} (an array, or null/missing for none) tolerates {@code taint}. */
    public static boolean tolerates(JsonNode tolerations, JsonNode taint) {
        if (tolerations == null) {
            return false;
        }
        for (JsonNode toleration : tolerations) {
            if (matches(toleration, taint)) {
                return true;
            }
        }
        return false;
    }

    /** The first of {@code taints} whose effect passes {@code effectFilter} and that no toleration tolerates. */
    public static Optional<JsonNode> firstUntolerated(JsonNode tolerations, JsonNode taints,
            Predicate<String> effectFilter) {
        if (taints == null) {
            return Optional.empty();
        }
        for (JsonNode taint : taints) {
            if (effectFilter.test(field(taint, "effect")) && !tolerates(tolerations, taint)) {
                return Optional.of(taint);
            }
        }
        return Optional.empty();
    }

    /** The taint as the scheduler's message shows it: {@code {key: value}} (an empty value leaves {@code {key: }}). */
    public static String describe(JsonNode taint) {
        return "{" + field(taint, "key") + ": " + field(taint, "value") + "}";
    }

    private static boolean matches(JsonNode toleration, JsonNode taint) {
        String effect = field(toleration, "effect");
        if (!effect.isEmpty() && !effect.equals(field(taint, "effect"))) {
            return false;
        }
        String key = field(toleration, "key");
        if (!key.isEmpty() && !key.equals(field(taint, "key"))) {
            return false;
        }
        return switch (field(toleration, "operator")) {
            case "", "Equal" -> field(toleration, "value").equals(field(taint, "value"));
            case "Exists" -> true;
            default -> false;
        };
    }

    /** A string field, "" when absent or null. */
    private static String field(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
