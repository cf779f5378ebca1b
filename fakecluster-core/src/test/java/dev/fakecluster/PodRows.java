package dev.fakecluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A pod's {@code kubectl get pods} row (READY STATUS RESTARTS), once or second by second, for timeline tests. */
public final class PodRows {

    private PodRows() {
    }

    /** {@code "1/1 Running 0"} for the pod, or {@code "<gone>"}. */
    public static String row(Cluster cluster, String pod) {
        for (String line : cluster.table("pods", "default").split("\n")) {
            if (line.startsWith(pod + " ")) {
                return String.join(" ", List.of(line.trim().split("\\s+")).subList(1, 4));
            }
        }
        return "<gone>";
    }

    /** Advances one second at a time for {@code seconds}, listing each change of the row as {@code "<t>s <row>"}. */
    public static List<String> timeline(Cluster cluster, String pod, int seconds) {
        List<String> timeline = new ArrayList<>();
        String last = "";
        for (int t = 1; t <= seconds; t++) {
            cluster.advance(Duration.ofSeconds(1));
            String now = row(cluster, pod);
            if (!now.equals(last)) {
                timeline.add(t + "s " + now);
                last = now;
            }
        }
        return timeline;
    }
}
