package dev.fakecluster.internal.deployment;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Deployment's maxSurge and maxUnavailable as numbers of pods (ResolveFenceposts): percentages
 * of the desired replicas, surge rounded up and unavailable rounded down, and never both zero.
 */
record Fenceposts(int maxSurge, int maxUnavailable) {

    static Fenceposts of(JsonNode deployment) {
        JsonNode spec = deployment.path("spec");
        int replicas = spec.path("replicas").asInt(1);
        if (!isRollingUpdate(deployment)) {
            return new Fenceposts(0, 0);
        }
        JsonNode rolling = spec.path("strategy").path("rollingUpdate");
        int surge = scaled(rolling.path("maxSurge"), "25%", replicas, true);
        int unavailable = scaled(rolling.path("maxUnavailable"), "25%", replicas, false);
        if (surge == 0 && unavailable == 0) {
            unavailable = 1;
        }
        if (replicas == 0) {
            unavailable = 0;
        }
        return new Fenceposts(surge, Math.min(unavailable, replicas));
    }

    static boolean isRollingUpdate(JsonNode deployment) {
        return !"Recreate".equals(deployment.path("spec").path("strategy").path("type").asText("RollingUpdate"));
    }

    /** GetScaledValueFromIntOrPercent: an int as is, a percentage of {@code total} rounded up or down. */
    static int scaled(JsonNode value, String fallback, int total, boolean roundUp) {
        if (value.isIntegralNumber()) {
            return value.asInt();
        }
        String text = value.isTextual() ? value.asText() : fallback;
        if (!text.endsWith("%")) {
            return Integer.parseInt(text);
        }
        double exact = Integer.parseInt(text.substring(0, text.length() - 1)) * (double) total / 100;
        return (int) (roundUp ? Math.ceil(exact) : Math.floor(exact));
    }
}
