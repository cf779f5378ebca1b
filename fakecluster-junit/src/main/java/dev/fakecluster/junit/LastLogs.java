package dev.fakecluster.junit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import java.util.List;

/**
 * The last lines of the logs of pods in trouble, for the failure snapshot: pods with a restarted
 * container (the instance before the restart, the one that failed) and running or pending pods
 * that are not ready. Pods that completed are left out, and so are containers that have not started.
 */
final class LastLogs {

    /** At most this many pods, so that a crash-looping Deployment does not drown the report. */
    static final int PODS = 5;

    private LastLogs() {
    }

    /** The sections, each headed by the kubectl command that prints it; empty when no pod is in trouble. */
    static String of(Cluster cluster, int lines) {
        List<Resource> troubled = cluster.list("pods", null, null).stream().filter(LastLogs::inTrouble).toList();
        StringBuilder out = new StringBuilder();
        for (Resource pod : troubled.subList(0, Math.min(PODS, troubled.size()))) {
            for (JsonNode status : pod.json().path("status").path("containerStatuses")) {
                String container = status.path("name").asText();
                boolean previous = status.path("restartCount").asInt(0) > 0;
                if (!previous && status.path("state").has("waiting")) {
                    continue; // not started yet: nothing written
                }
                try {
                    out.append(section(pod, container, previous, lines, cluster.logs(pod.namespace(), pod.name(), container, previous)));
                } catch (ApiException notKnownToItsKubelet) {
                    // never started, or its node is gone: no logs to show
                }
            }
        }
        if (troubled.size() > PODS) {
            out.append("\n(logs of ").append(troubled.size() - PODS).append(" more pods not shown)\n");
        }
        return out.toString();
    }

    private static boolean inTrouble(Resource pod) {
        String phase = pod.json().path("status").path("phase").asText();
        if (phase.equals("Succeeded")) {
            return false;
        }
        for (JsonNode s : pod.json().path("status").path("containerStatuses")) {
            if (s.path("restartCount").asInt(0) > 0 || !s.path("ready").asBoolean(false)) {
                return true;
            }
        }
        return false;
    }

    private static String section(Resource pod, String container, boolean previous, int lines, String logs) {
        List<String> all = logs.lines().toList();
        List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
        StringBuilder out = new StringBuilder("\n$ kubectl logs -n ").append(pod.namespace()).append(' ').append(pod.name())
                .append(" -c ").append(container).append(previous ? " --previous" : "").append(" --tail=").append(lines)
                .append('\n');
        if (last.isEmpty()) {
            return out.append("(no output)\n").toString();
        }
        last.forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }
}
