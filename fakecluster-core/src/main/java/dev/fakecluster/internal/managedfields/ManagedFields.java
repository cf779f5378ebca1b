package dev.fakecluster.internal.managedfields;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.ApiException.Cause;
import dev.fakecluster.ApiException.Details;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Field ownership as the API server tracks it in {@code metadata.managedFields}
 * (k8s.io/apimachinery's {@code managedfields} over structured-merge-diff's {@code Updater}): an
 * update gives its manager the fields it changed and takes them from everyone else; an apply
 * merges a configuration into the object, removes what the manager no longer applies, and
 * refuses with a 409 to change fields another manager owns unless forced.
 */
public final class ManagedFields {

    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    /** Fields nobody owns: identity and bookkeeping (the API server's stripMeta list). */
    private static final List<List<String>> STRIPPED = List.of(List.of("f:apiVersion"), List.of("f:kind"),
            List.of("f:metadata"), meta("name"), meta("namespace"), meta("creationTimestamp"), meta("selfLink"),
            meta("uid"), meta("clusterName"), meta("generation"), meta("managedFields"), meta("resourceVersion"));

    private ManagedFields() {
    }

    private static List<String> meta(String field) {
        return List.of("f:metadata", "f:" + field);
    }

    /**
     * Records a create ({@code old} null) or update by {@code manager} in {@code updated}'s
     * managedFields: the manager's {@code Update} entry gains what changed, every entry loses it.
     * Managed fields sent with the object replace the stored ones (except through a subresource);
     * {@code [{}]} clears them.
     */
    public static void recordUpdate(KindInfo kind, JsonNode old, ObjectNode updated, Manager manager, Instant now) {
        ObjectNode meta = Json.with(updated, "metadata");
        List<Entry> entries = liveOrSent(old, updated, !manager.subresource().isEmpty());
        Fields.Comparison change = Fields.compare(Schema.of(kind), old == null ? Json.object() : old, updated)
                .filter(scope(kind, manager.subresource()));
        if (!change.same()) {
            FieldSet changed = change.changed();
            Entry mine = Entry.of(manager, Entry.UPDATE, Json.time(now), changed);
            List<Entry> next = new ArrayList<>();
            for (Entry e : entries) {
                FieldSet kept = e.fields().minus(changed).minus(change.removed());
                if (e.sameIdentity(mine)) {
                    mine = mine.withFields(changed.union(kept));
                } else {
                    next.add(e.withFields(kept));
                }
            }
            next.add(mine);
            entries = next;
        }
        write(meta, entries);
    }

    /**
     * A write that records no manager (the cluster's own controllers): a created object has no
     * managedFields, an updated one keeps the stored ones.
     */
    public static void keep(JsonNode old, ObjectNode updated) {
        ObjectNode meta = Json.with(updated, "metadata");
        JsonNode stored = old == null ? null : old.path("metadata").get("managedFields");
        if (stored == null) {
            meta.remove("managedFields");
        } else {
            meta.set("managedFields", stored);
        }
    }

    /**
     * Server-side apply: {@code config} merged into {@code live} (null: the object does not exist
     * yet), with the manager's previously applied but now omitted fields pruned and managedFields
     * updated. The result is not defaulted.
     *
     * @throws ApiException 409 Conflict naming every field another manager owns with a different
     *     value, unless {@code force}
     */
    public static ObjectNode apply(KindInfo kind, JsonNode live, ObjectNode config, Manager manager, boolean force,
            Instant now) {
        Schema schema = Schema.of(kind);
        Predicate<List<String>> scope = scope(kind, manager.subresource());
        JsonNode before = live != null ? live : skeleton(config);
        List<Entry> entries = live == null ? List.of() : decode(live.path("metadata").get("managedFields"));
        ObjectNode merged = (ObjectNode) ApplyMerge.merge(schema, before, config);

        Entry mine = Entry.of(manager, Entry.APPLY, null, Fields.of(schema, config).filter(scope));
        FieldSet lastApplied = FieldSet.empty();
        FieldSet owned = mine.fields();
        List<Entry> others = new ArrayList<>();
        for (Entry e : entries) {
            if (e.sameIdentity(mine)) {
                lastApplied = e.fields();
                mine = mine.withTime(e.time());
            } else {
                others.add(e);
                owned = owned.union(e.fields());
            }
        }
        ApplyMerge.prune(schema, merged, lastApplied, owned);

        Fields.Comparison change = Fields.compare(schema, before, merged).filter(scope);
        FieldSet changed = change.changed();
        List<Conflict> conflicts = new ArrayList<>();
        for (Entry e : others) {
            e.fields().intersect(changed).paths().forEach(p -> conflicts.add(new Conflict(e, p)));
        }
        if (!force && !conflicts.isEmpty() && !allowedByLastApplied(schema, manager, live, conflicts)) {
            throw conflictError(conflicts);
        }
        List<Entry> next = new ArrayList<>();
        for (Entry e : others) {
            next.add(e.withFields(e.fields().minus(changed).minus(change.removed())));
        }
        if (!change.same() || mine.time() == null) {
            mine = mine.withTime(Json.time(now));
        }
        next.add(mine);
        write(Json.with(merged, "metadata"), next);
        return merged;
    }

    /** What a create by apply starts from: the object's identity only. */
    private static ObjectNode skeleton(ObjectNode config) {
        ObjectNode o = Json.object();
        o.set("apiVersion", config.get("apiVersion"));
        o.set("kind", config.get("kind"));
        ObjectNode meta = o.putObject("metadata");
        for (String f : List.of("name", "namespace")) {
            JsonNode v = config.path("metadata").get(f);
            if (v != null) {
                meta.set(f, v);
            }
        }
        return o;
    }

    /**
     * kubectl's upgrade path from client-side apply: when the manager is {@code kubectl} and
     * every conflicting field is in the object's last-applied-configuration, the apply goes ahead.
     */
    private static boolean allowedByLastApplied(Schema schema, Manager manager, JsonNode live,
            List<Conflict> conflicts) {
        String text = live == null ? null : Json.text(live, "metadata", "annotations", LAST_APPLIED);
        if (!manager.name().equals("kubectl") || text == null) {
            return false;
        }
        try {
            FieldSet allowed = Fields.of(schema, Json.MAPPER.readTree(text));
            return conflicts.stream().allMatch(c -> allowed.contains(c.path()));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** Which fields a write through {@code subresource} can own: reset fields and identity excluded. */
    private static Predicate<List<String>> scope(KindInfo kind, String subresource) {
        Predicate<List<String>> notStripped = p -> !STRIPPED.contains(p);
        return switch (subresource) {
            case "status" -> notStripped.and(p -> p.get(0).equals("f:status"));
            case "scale" -> notStripped.and(p -> p.size() >= 2 && p.subList(0, 2).equals(List.of("f:spec", "f:replicas")));
            default -> kind.statusSubresource() ? notStripped.and(p -> !p.get(0).equals("f:status")) : notStripped;
        };
    }

    /** The entries to start from: the ones sent with the object, unless absent, malformed or through a subresource. */
    private static List<Entry> liveOrSent(JsonNode old, ObjectNode updated, boolean subresource) {
        List<Entry> live = old == null ? List.of() : decode(old.path("metadata").get("managedFields"));
        JsonNode sent = updated.path("metadata").get("managedFields");
        if (subresource || sent == null || !sent.isArray() || sent.isEmpty()) {
            return live;
        }
        if (sent.size() == 1 && sent.get(0).isObject() && sent.get(0).isEmpty()) {
            return List.of();
        }
        Optional<List<Entry>> decoded = tryDecode(sent);
        return decoded.filter(d -> !d.isEmpty()).orElse(live);
    }

    private static List<Entry> decode(JsonNode managedFields) {
        return managedFields == null ? List.of() : tryDecode(managedFields).orElse(List.of());
    }

    private static Optional<List<Entry>> tryDecode(JsonNode managedFields) {
        List<Entry> out = new ArrayList<>();
        for (JsonNode n : managedFields) {
            Optional<Entry> e = Entry.fromJson(n);
            if (e.isEmpty()) {
                return Optional.empty();
            }
            out.add(e.get());
        }
        return Optional.of(out);
    }

    private static void write(ObjectNode meta, List<Entry> entries) {
        ArrayNode out = Json.array();
        entries.stream().filter(e -> !e.fields().isEmpty()).sorted(Entry.ORDER).forEach(e -> out.add(e.toJson()));
        if (out.isEmpty()) {
            meta.remove("managedFields");
        } else {
            meta.set("managedFields", out);
        }
    }

    private record Conflict(Entry owner, List<String> path) {
    }

    /** The API server's apply conflict: one cause per field, the message grouped by manager. */
    private static ApiException conflictError(List<Conflict> conflicts) {
        List<Cause> causes = conflicts.stream()
                .map(c -> new Cause("FieldManagerConflict", "conflict with " + c.owner().describe(),
                        FieldSet.display(c.path())))
                .toList();
        String message;
        if (conflicts.size() == 1) {
            Conflict c = conflicts.get(0);
            message = "Apply failed with 1 conflict: conflict with " + c.owner().describe() + ": "
                    + FieldSet.display(c.path());
        } else {
            message = "Apply failed with " + conflicts.size() + " conflicts: " + conflicts.stream()
                    .collect(Collectors.groupingBy(c -> c.owner().describe(), TreeMap::new,
                            Collectors.mapping(c -> "- " + FieldSet.display(c.path()), Collectors.toList())))
                    .entrySet().stream()
                    .map(e -> "conflicts with " + e.getKey() + ":\n" + String.join("\n", e.getValue()))
                    .collect(Collectors.joining("\n"));
        }
        return new ApiException("Conflict", 409, message, new Details("", "", "", causes));
    }
}
