package dev.fakecluster.junit;

import dev.fakecluster.Resource;
import java.util.Optional;

/** Reading the status fields the assertions check. */
final class Fields {

    private Fields() {
    }

    /** One entry of {@code status.conditions}. */
    record Condition(String status, String reason, String message) {

        boolean isTrue() {
            return "True".equals(status);
        }

        /** {@code True}, {@code False (Reason: message)} and the like, for a failure message. */
        String describe() {
            String why = reason.isEmpty() ? message : message.isEmpty() ? reason : reason + ": " + message;
            return why.isEmpty() ? status : status + " (" + why + ")";
        }
    }

    /** A numeric field, 0 when absent (as Kubernetes omits zero counts from status). */
    static long number(Resource r, String path) {
        return Long.parseLong(r.field(path).orElse("0"));
    }

    /** The status condition of a type, if the object has one. */
    static Optional<Condition> condition(Resource r, String type) {
        for (int i = 0; ; i++) {
            String at = "status.conditions[" + i + "].";
            Optional<String> t = r.field(at + "type");
            if (t.isEmpty()) {
                return Optional.empty();
            }
            if (t.get().equals(type)) {
                return Optional.of(new Condition(r.field(at + "status").orElse(""), r.field(at + "reason").orElse(""),
                        r.field(at + "message").orElse("")));
            }
        }
    }

    /** {@code namespace/name}, or the name for cluster-scoped objects. */
    static String id(Resource r) {
        return r.namespace().isEmpty() ? r.name() : r.namespace() + "/" + r.name();
    }
}
