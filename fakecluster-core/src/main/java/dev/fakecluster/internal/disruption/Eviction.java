package dev.fakecluster.internal.disruption;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.apiserver.DeleteOptions;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.workload.Pods;
import java.time.Instant;
import java.util.List;

/**
 * The Eviction API's decision ({@code pods/eviction}): a pod may go unless a PodDisruptionBudget
 * that selects it has no disruption left; an allowed eviction marks the pod
 * {@code DisruptionTarget} and deletes it gracefully.
 */
public final class Eviction {

    /** The API server's answer when a budget forbids the eviction (HTTP 429). */
    public static final String BUDGET_VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

    private Eviction() {
    }

    /** Evicts {@code pod} if its budgets allow; false when a budget forbids it now. */
    public static boolean evict(ApiServer api, StoredObject pod, Instant now) {
        List<StoredObject> budgets = api.state().list("poddisruptionbudgets.policy", pod.namespace()).stream()
                .filter(b -> Budget.selector(b).matches(pod.labels()))
                .toList();
        if (budgets.size() > 1) {
            throw new IllegalStateException("This pod has more than one PodDisruptionBudget, which the eviction "
                    + "subresource does not support.");
        }
        if (!budgets.isEmpty() && Pods.isReady(pod.json()) && Budget.of(api.state(), budgets.get(0)).allowed() <= 0) {
            return false;
        }
        KindInfo pods = api.resolveKind("pods");
        api.mutate(pods, pod.namespace(), pod.name(), p -> {
            ArrayNode conditions = Json.with(p, "status").withArray("conditions");
            for (int i = conditions.size() - 1; i >= 0; i--) {
                if ("DisruptionTarget".equals(conditions.get(i).path("type").asText())) {
                    conditions.remove(i);
                }
            }
            conditions.addObject().put("type", "DisruptionTarget").put("status", "True").putNull("lastProbeTime")
                    .put("lastTransitionTime", Json.time(now)).put("reason", "EvictionByEvictionAPI")
                    .put("message", "Eviction API: evicting");
            return p;
        });
        try {
            api.delete(pods, pod.namespace(), pod.name(), DeleteOptions.defaults());
        } catch (ApiException e) {
            if (!"NotFound".equals(e.reason())) {
                throw e;
            }
        }
        return true;
    }
}
