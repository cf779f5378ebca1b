package dev.fakecluster.internal.disruption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.runtime.QueueController;
import dev.fakecluster.internal.select.LabelSelector;
import dev.fakecluster.internal.store.Change;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import java.util.function.Consumer;

/**
 * The disruption controller (pkg/controller/disruption): keeps each PodDisruptionBudget's status —
 * expected pods, current and desired healthy, the disruptions allowed and the
 * {@code DisruptionAllowed} condition — which the Eviction API consults.
 */
public final class DisruptionController extends QueueController {

    private final ApiServer api;
    private final KindInfo pdbKind;

    public DisruptionController(ApiServer api, VirtualClock clock) {
        super(clock);
        this.api = api;
        this.pdbKind = api.resolveKind("poddisruptionbudgets.policy");
    }

    @Override
    protected void keysFor(Change change, Consumer<String> enqueue) {
        StoredObject o = change.object();
        if (o.resource().equals(pdbKind.resource())) {
            enqueue.accept(o.key());
        } else if (o.resource().equals("pods")) {
            for (StoredObject pdb : api.state().list(pdbKind.resource(), o.namespace())) {
                LabelSelector selector = Budget.selector(pdb);
                if (selector.matches(o.labels()) || (change.previous() != null && selector.matches(change.previous().labels()))) {
                    enqueue.accept(pdb.key());
                }
            }
        }
    }

    @Override
    protected void allKeys(ClusterState state, Consumer<String> enqueue) {
        state.list(pdbKind.resource(), null).forEach(pdb -> enqueue.accept(pdb.key()));
    }

    @Override
    protected void sync(String key) {
        StoredObject pdb = api.state().get(key);
        if (pdb == null) {
            return;
        }
        ObjectNode status = status(api.state(), pdb);
        if (status.equals(pdb.json().path("status"))) {
            return;
        }
        api.mutate(pdbKind, pdb.namespace(), pdb.name(), o -> {
            o.set("status", status);
            return o;
        });
    }

    /** The budget's status from the pods it selects now; the condition keeps its transition time while unchanged. */
    private ObjectNode status(ClusterState state, StoredObject pdb) {
        Budget budget = Budget.of(state, pdb);
        long generation = pdb.json().path("metadata").path("generation").asLong(1);
        ObjectNode status = Json.object().put("observedGeneration", generation)
                .put("disruptionsAllowed", budget.allowed()).put("currentHealthy", budget.healthy())
                .put("desiredHealthy", budget.desired()).put("expectedPods", budget.expected());
        String allowed = budget.allowed() > 0 ? "True" : "False";
        JsonNode old = pdb.json().path("status").path("conditions").path(0);
        String since = allowed.equals(old.path("status").asText()) ? old.path("lastTransitionTime").asText(null) : null;
        status.putArray("conditions").addObject().put("type", "DisruptionAllowed").put("status", allowed)
                .put("observedGeneration", generation)
                .put("lastTransitionTime", since != null ? since : Json.time(now()))
                .put("reason", budget.allowed() > 0 ? "SufficientPods" : "InsufficientPods").put("message", "");
        return status;
    }
}
