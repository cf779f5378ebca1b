package dev.fakecluster.http;

import dev.fakecluster.ApiException;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.disruption.Eviction;
import dev.fakecluster.internal.errors.Errors;
import dev.fakecluster.internal.store.StoredObject;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;

/**
 * The {@code pods/eviction} subresource ({@code kubectl drain}): evicts the pod unless a
 * PodDisruptionBudget forbids it, which answers 429 with the API server's message.
 */
final class PodEvictions {

    private final ApiServer api;
    private final Runnable settle;
    private final Supplier<Instant> now;

    PodEvictions(ApiServer api, Runnable settle, Supplier<Instant> now) {
        this.api = api;
        this.settle = settle;
        this.now = now;
    }

    MockResponse serve(Request request, ResourcePath path) {
        if (!request.method().equals("POST")) {
            throw Statuses.methodNotAllowed(request.method(), "pods/eviction");
        }
        StoredObject pod = api.get(path.kind(), path.namespace(), path.name())
                .orElseThrow(() -> Errors.notFound(path.kind(), path.name()));
        boolean evicted;
        try {
            evicted = Eviction.evict(api, pod, now.get());
        } catch (IllegalStateException e) {
            throw new ApiException("InternalError", 500, e.getMessage(), null);
        }
        if (!evicted) {
            throw new ApiException("TooManyRequests", 429, Eviction.BUDGET_VIOLATION,
                    new ApiException.Details(path.name(), "policy", "poddisruptionbudget", List.of()));
        }
        settle.run();
        return Replies.json(201, Statuses.success(path.name(), "", "pods", pod.uid()));
    }
}
