package dev.fakecluster.junit;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import java.util.List;
import java.util.Optional;

/** What the {@code hasEvent} assertions look for: an event with this reason whose message contains this text. */
record EventMatch(String reason, String messageSubstring) {

    boolean anyIn(List<Resource> events) {
        return events.stream().anyMatch(e -> e.field("reason").orElse("").equals(reason)
                && e.field("message").orElse("").contains(messageSubstring));
    }

    /** The failure message when none of the events about an object match (with them as a table), else empty. */
    Optional<String> missingAbout(Cluster cluster, String kind, Resource object) {
        List<Resource> events = Fields.eventsAbout(cluster, object);
        if (anyIn(events)) {
            return Optional.empty();
        }
        return Optional.of(String.format("Expecting %s %s to have an event %s,%nbut %s.%s", kind, Fields.id(object), this,
                events.isEmpty() ? "it has none" : "none of its " + events.size() + " events matches",
                Evidence.events(events, false)));
    }

    /** {@code with reason X and a message containing "m"}, for a failure message. */
    @Override
    public String toString() {
        return "with reason " + reason + " and a message containing \"" + messageSubstring + "\"";
    }
}
