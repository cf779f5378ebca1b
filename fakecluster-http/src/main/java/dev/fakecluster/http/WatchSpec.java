package dev.fakecluster.http;

import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.select.FieldSelector;
import dev.fakecluster.internal.select.LabelSelector;
import dev.fakecluster.internal.validation.FieldError;
import java.time.Duration;
import java.util.List;

/**
 * The options of one watch request, checked before the stream opens (bad selectors and options
 * answer with a 4xx Status, not an event).
 *
 * @param kind the kind watched
 * @param namespace the namespace, or null for all
 * @param labelSelector the label selector, or null
 * @param fieldSelector the field selector (with {@code metadata.name} for a watch on one object), or null
 * @param from the resourceVersion to start after, or null to start with the current objects as ADDED
 * @param sendInitialEvents whether the initial ADDED events end with the {@code initial-events-end} bookmark
 * @param bookmarks whether the client accepts BOOKMARK events
 * @param timeout when the server ends the watch
 */
record WatchSpec(KindInfo kind, String namespace, String labelSelector, String fieldSelector, Long from,
        boolean sendInitialEvents, boolean bookmarks, Duration timeout) {

    /** How long a watch lasts when the client names no timeout (kube-apiserver's --min-request-timeout). */
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    static WatchSpec parse(Request request, ResourcePath path) {
        String labels = request.query("labelSelector");
        String fields = request.query("fieldSelector");
        if (path.name() != null) {
            fields = fields == null ? "metadata.name=" + path.name() : fields + ",metadata.name=" + path.name();
        }
        LabelSelector.parse(labels);
        FieldSelector.parse(fields, path.kind());
        boolean bookmarks = request.flag("allowWatchBookmarks");
        boolean sendInitial = request.flag("sendInitialEvents");
        String rv = request.query("resourceVersion");
        if (sendInitial && !"NotOlderThan".equals(request.query("resourceVersionMatch"))) {
            throw Statuses.invalidOptions("ListOptions", List.of(FieldError.forbidden("resourceVersionMatch",
                    "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan")));
        }
        if (sendInitial && !bookmarks) {
            throw Statuses.invalidOptions("ListOptions", List.of(FieldError.forbidden("allowWatchBookmarks",
                    "sendInitialEvents requires setting allowWatchBookmarks to true")));
        }
        Long from = null;
        if (rv != null && !rv.equals("0") && !sendInitial) {
            try {
                from = Long.parseLong(rv);
            } catch (NumberFormatException e) {
                throw Statuses.badRequest("invalid resource version: " + rv);
            }
        }
        Duration timeout = DEFAULT_TIMEOUT;
        String t = request.query("timeoutSeconds");
        if (t != null) {
            try {
                long seconds = Long.parseLong(t);
                if (seconds > 0) {
                    timeout = Duration.ofSeconds(seconds);
                }
            } catch (NumberFormatException e) {
                throw Statuses.badRequest("invalid timeoutSeconds: " + t);
            }
        }
        return new WatchSpec(path.kind(), path.namespace(), labels, fields, from, sendInitial, bookmarks, timeout);
    }
}
