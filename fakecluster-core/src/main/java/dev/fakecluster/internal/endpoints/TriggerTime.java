package dev.fakecluster.internal.endpoints;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The {@code endpoints.kubernetes.io/last-change-trigger-time} annotation, written as Go's RFC3339Nano. */
final class TriggerTime {

    static final String ANNOTATION = "endpoints.kubernetes.io/last-change-trigger-time";
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private TriggerTime() {
    }

    /** {@code 2025-01-01T00:00:12Z}, or with the fraction's trailing zeros trimmed ({@code ...:12.5Z}). */
    static String format(Instant t) {
        String out = SECONDS.format(t);
        if (t.getNano() != 0) {
            String nanos = String.format("%09d", t.getNano()).replaceAll("0+$", "");
            out += "." + nanos;
        }
        return out + "Z";
    }
}
