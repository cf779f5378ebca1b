package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.apiserver.DeleteOptions;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo.Propagation;

/** Reads the options of a DELETE: propagation policy, grace period, preconditions and dry run. */
final class DeleteRequests {

    private DeleteRequests() {
    }

    /** DeleteOptions from the body ({@code kubectl} sends them there, in JSON or protobuf) and the query. */
    static DeleteOptions options(Request request) {
        JsonNode body = request.body().length == 0 ? Json.object() : Bodies.object(request);
        String propagation = body.path("propagationPolicy").asText(request.query("propagationPolicy"));
        Propagation policy = null;
        if (propagation != null && !propagation.isEmpty()) {
            policy = switch (propagation) {
                case "Background" -> Propagation.BACKGROUND;
                case "Foreground" -> Propagation.FOREGROUND;
                case "Orphan" -> Propagation.ORPHAN;
                default -> throw Statuses.unprocessable("DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: "
                        + "Unsupported value: \"" + propagation + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
            };
        } else if (body.has("orphanDependents") || request.query("orphanDependents") != null) {
            boolean orphan = body.has("orphanDependents") ? body.path("orphanDependents").asBoolean()
                    : request.flag("orphanDependents");
            policy = orphan ? Propagation.ORPHAN : Propagation.BACKGROUND;
        }
        Long grace = null;
        if (body.hasNonNull("gracePeriodSeconds")) {
            grace = body.path("gracePeriodSeconds").asLong();
        } else if (request.query("gracePeriodSeconds") != null) {
            try {
                grace = Long.parseLong(request.query("gracePeriodSeconds"));
            } catch (NumberFormatException e) {
                throw Statuses.badRequest("invalid gracePeriodSeconds: " + request.query("gracePeriodSeconds"));
            }
        }
        String uid = Json.text(body, "preconditions", "uid");
        String rv = Json.text(body, "preconditions", "resourceVersion");
        boolean dryRun = request.dryRun();
        for (JsonNode d : body.path("dryRun")) {
            dryRun |= "All".equals(d.asText());
        }
        return new DeleteOptions(grace, policy, uid, rv, dryRun);
    }
}
