package dev.fakecluster.http;

import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.apiserver.ApiServer.ListResult;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.validation.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Which state a LIST reads and which page of it it answers, from {@code resourceVersion},
 * {@code resourceVersionMatch}, {@code limit} and {@code continue}, as kube-apiserver 1.32's watch
 * cache and etcd store decide:
 *
 * <ul>
 *   <li>no resourceVersion: the latest state; {@code "0"}: any state (the latest), and the whole
 *       list, {@code limit} ignored, as the watch cache serves it;
 *   <li>N with {@code NotOlderThan}, or with no match and no limit: the latest state once it has
 *       reached N (else 504 {@code ResourceVersionTooLarge});
 *   <li>N with {@code Exact}, or with no match but a limit (the legacy rule): the state as of N, 410
 *       when N is older than the kept history;
 *   <li>a continue token: the state as of the first page's resourceVersion, so every page is
 *       consistent with the first even while writes happen in between; 410 with a token to go on
 *       inconsistently when that state is no longer kept.
 * </ul>
 */
final class ListReads {

    private static final String EXACT = "Exact";
    private static final String NOT_OLDER_THAN = "NotOlderThan";
    private static final String EXPIRED = "The resourceVersion for the provided list is too old.";
    private static final String CONTINUE_EXPIRED = "The provided continue parameter is too old to display a "
            + "consistent list result. You can start a new list without the continue parameter, or use the continue "
            + "token in this response to retrieve the remainder of the results. Continuing with the provided token "
            + "results in an inconsistent list - objects that were created, modified, or deleted between the time "
            + "the first chunk was returned and now may show up in the list.";

    private final ApiServer api;

    ListReads(ApiServer api) {
        this.api = api;
    }

    /**
     * One page of a list.
     *
     * @param items the objects on this page, in storage-key order
     * @param resourceVersion the resourceVersion the list was read at
     * @param continueToken the token for the next page, or null on the last
     * @param remainingItemCount how many objects follow this page, or null (last page, or selectors used)
     */
    record Page(List<StoredObject> items, long resourceVersion, String continueToken, Long remainingItemCount) {
    }

    Page read(Request request, ResourcePath path) {
        String version = request.query("resourceVersion");
        String match = request.query("resourceVersionMatch");
        String token = request.query("continue");
        List<FieldError> errors = validate(version, match, token, request.url().queryParameter("sendInitialEvents"));
        if (!errors.isEmpty()) {
            throw Statuses.invalidOptions("ListOptions", errors);
        }
        int limit = limit(request);
        KindInfo kind = path.kind();
        String prefix = StoredObject.prefix(kind.resource(), kind.namespaced() ? path.namespace() : null);
        Query query = new Query(kind, path.namespace(), request.query("labelSelector"), request.query("fieldSelector"));
        if (token != null) {
            ContinueToken from = ContinueToken.decode(token, prefix);
            if (version != null && !version.equals("0")) {
                throw Statuses.badRequest("specifying resource version is not allowed when using continue");
            }
            ListResult list = from.resourceVersion() < 0 ? latest(query)
                    : at(query, from.resourceVersion(), () -> ReadFailure.expired(CONTINUE_EXPIRED,
                            new ContinueToken(-1, from.startKey()).encode(prefix)));
            return page(list, from.startKey(), limit, query.selected(), prefix);
        }
        if (version == null) {
            return page(latest(query), prefix, limit, query.selected(), prefix);
        }
        long rv = ResourceVersions.parse(version);
        if (EXACT.equals(match) || (match == null && limit > 0 && rv > 0)) {
            return page(at(query, rv, () -> ReadFailure.expired(EXPIRED, null)), prefix, limit, query.selected(), prefix);
        }
        ResourceVersions.requireReached(rv, api.state().resourceVersion());
        return page(latest(query), prefix, rv == 0 ? 0 : limit, query.selected(), prefix);
    }

    /** {@code ValidateListOptions}: the checks answered with 422 on {@code ListOptions.meta.k8s.io}. */
    private static List<FieldError> validate(String version, String match, String token, String sendInitialEvents) {
        List<FieldError> errors = new ArrayList<>();
        if (match != null) {
            if (version == null) {
                errors.add(FieldError.forbidden("resourceVersionMatch",
                        "resourceVersionMatch is forbidden unless resourceVersion is provided"));
            }
            if (token != null) {
                errors.add(FieldError.forbidden("resourceVersionMatch",
                        "resourceVersionMatch is forbidden when continue is provided"));
            }
            if (!match.equals(EXACT) && !match.equals(NOT_OLDER_THAN)) {
                errors.add(FieldError.notSupported("resourceVersionMatch", match, List.of(EXACT, NOT_OLDER_THAN, "")));
            }
            if (match.equals(EXACT) && "0".equals(version)) {
                errors.add(FieldError.forbidden("resourceVersionMatch",
                        "resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""));
            }
        }
        if (sendInitialEvents != null) {
            errors.add(FieldError.forbidden("sendInitialEvents", "sendInitialEvents is forbidden for list"));
        }
        return errors;
    }

    private static int limit(Request request) {
        String limit = request.query("limit");
        if (limit == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(limit));
        } catch (NumberFormatException e) {
            throw Statuses.badRequest("invalid limit: " + limit);
        }
    }

    /**
     * The page of {@code list} that starts at {@code startKey} and holds at most {@code limit} items
     * (all when 0). As etcd counts keys, not matches, {@code remainingItemCount} is only given
     * when no selector filtered the list.
     */
    private static Page page(ListResult list, String startKey, int limit, boolean selected, String prefix) {
        List<StoredObject> items = list.items();
        int start = 0;
        while (start < items.size() && items.get(start).key().compareTo(startKey) < 0) {
            start++;
        }
        int end = limit > 0 ? Math.min(items.size(), start + limit) : items.size();
        if (end == items.size()) {
            return new Page(items.subList(start, end), list.resourceVersion(), null, null);
        }
        String next = ContinueToken.after(list.resourceVersion(), items.get(end - 1).key()).encode(prefix);
        return new Page(items.subList(start, end), list.resourceVersion(), next, selected ? null : (long) (items.size() - end));
    }

    /** What is listed: a kind in a namespace (or all), through the selectors. */
    private record Query(KindInfo kind, String namespace, String labelSelector, String fieldSelector) {

        boolean selected() {
            return labelSelector != null || fieldSelector != null;
        }
    }

    private ListResult latest(Query q) {
        return api.list(q.kind(), q.namespace(), q.labelSelector(), q.fieldSelector());
    }

    /**
     * The list as of {@code rv}: 504 when the server has not reached it (etcd's "future revision",
     * as 1.35 words it), {@code expired} when it is older than the kept history.
     */
    private ListResult at(Query q, long rv, Supplier<ReadFailure> expired) {
        long current = api.state().resourceVersion();
        if (rv > current) {
            throw ReadFailure.tooLargeResourceVersion(rv, current, 0);
        }
        return api.listAt(q.kind(), q.namespace(), q.labelSelector(), q.fieldSelector(), rv).orElseThrow(expired);
    }
}
