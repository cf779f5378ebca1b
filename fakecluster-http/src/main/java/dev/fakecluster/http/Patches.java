package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.kinds.KindInfo;
import java.util.List;

/** Picks the patch algorithm from the request's content type and applies it to a copy of the object. */
final class Patches {

    static final String JSON_PATCH = "application/json-patch+json";
    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
    static final List<String> SUPPORTED = List.of(JSON_PATCH, MERGE_PATCH, ApplyPatches.TYPE, STRATEGIC_MERGE_PATCH);

    private Patches() {
    }

    /**
     * A function from the current object to the patched one, checked up front: a 415 Status for
     * an unsupported type (strategic merge only for built-in kinds; server-side apply, which
     * {@code Resources} serves itself, not on {@code scale}), a 400 for a malformed body.
     */
    static Patch parse(Request request, KindInfo kind) {
        String type = request.contentType();
        if (!SUPPORTED.contains(type) || type.equals(ApplyPatches.TYPE)
                || type.equals(STRATEGIC_MERGE_PATCH) && !ApiCatalog.builtIn(kind)) {
            throw Statuses.unsupportedMediaType(type, ApiCatalog.builtIn(kind) ? SUPPORTED : SUPPORTED.subList(0, 3));
        }
        if (request.body().length == 0) {
            throw Statuses.badRequest("the body of the request is empty");
        }
        JsonNode patch = Bodies.json(request.bodyText());
        return switch (type) {
            case JSON_PATCH -> {
                if (!patch.isArray()) {
                    throw Statuses.badRequest("json patch must be an array of operations");
                }
                yield current -> JsonPatch.apply(current, patch);
            }
            case MERGE_PATCH -> {
                requireObject(patch);
                yield current -> MergePatch.apply(current, patch);
            }
            default -> {
                requireObject(patch);
                yield current -> StrategicMergePatch.apply(current, patch);
            }
        };
    }

    private static void requireObject(JsonNode patch) {
        if (!patch.isObject()) {
            throw Statuses.badRequest("the patch must be a JSON object");
        }
    }

    /** A parsed patch. */
    @FunctionalInterface
    interface Patch {
        /** The patched document; {@code current} is not changed. */
        JsonNode apply(JsonNode current);
    }
}
