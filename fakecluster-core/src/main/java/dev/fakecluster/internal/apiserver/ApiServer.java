package dev.fakecluster.internal.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.defaulting.Defaults;
import dev.fakecluster.internal.defaulting.VersionUpgrade;
import dev.fakecluster.internal.errors.Errors;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.kinds.KindInfo.Propagation;
import dev.fakecluster.internal.managedfields.ManagedFields;
import dev.fakecluster.internal.managedfields.Manager;
import dev.fakecluster.internal.random.SeededRandom;
import dev.fakecluster.internal.select.FieldSelector;
import dev.fakecluster.internal.select.LabelSelector;
import dev.fakecluster.internal.services.ServiceRegistry;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.Store;
import dev.fakecluster.internal.store.Store.Outcome;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.store.WatchHub;
import dev.fakecluster.internal.validation.FieldError;
import dev.fakecluster.internal.validation.ObjectValidator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The API server's request handling over the store: resolve the kind, upgrade old versions,
 * default, validate, admit, then commit with optimistic concurrency. Every entry point is safe to
 * call from many threads; every rejection is an {@link ApiException} with the API server's text,
 * and a rejected request changes nothing.
 */
public final class ApiServer {

    /** Annotation kubectl keeps the last applied manifest in. */
    public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    private static final Set<String> UNDELETABLE_NAMESPACES = Set.of("default", "kube-system", "kube-public");
    private static final int GENERATE_NAME_ATTEMPTS = 8;

    private final Store store;
    private final WatchHub watches;
    private final VirtualClock clock;
    private final SeededRandom random;

    public ApiServer(Store store, WatchHub watches, VirtualClock clock, SeededRandom random) {
        this.store = store;
        this.watches = watches;
        this.clock = clock;
        this.random = random;
    }

    /** The cluster's current time, as the API server stamps objects with it. */
    public Instant now() {
        return clock.now();
    }

    public ClusterState state() {
        return store.state();
    }

    /** Resolves a kind name as kubectl does ({@code deploy}, {@code Deployment}, {@code deployments.apps}). */
    public KindInfo resolveKind(String name) {
        return store.state().kinds().resolve(name).orElseThrow(() -> Errors.unknownResource(name));
    }

    // ---- reads -------------------------------------------------------------------------------

    public Optional<StoredObject> get(KindInfo kind, String namespace, String name) {
        return Optional.ofNullable(store.state().get(key(kind, namespace, name)));
    }

    /** Lists a kind in one namespace (or all, when null), filtered by selectors, in storage-key order. */
    public ListResult list(KindInfo kind, String namespace, String labelSelector, String fieldSelector) {
        LabelSelector labels = LabelSelector.parse(labelSelector);
        FieldSelector fields = FieldSelector.parse(fieldSelector, kind);
        ClusterState s = store.state();
        return new ListResult(select(s.list(kind.resource(), kind.namespaced() ? namespace : null), labels, fields),
                s.resourceVersion());
    }

    /**
     * Lists as {@link #list} does, but as the objects were at {@code resourceVersion} (at most the
     * current one): the snapshot an {@code Exact} list or a continued page reads. Empty when that
     * resourceVersion is older than the kept history.
     */
    public Optional<ListResult> listAt(KindInfo kind, String namespace, String labelSelector, String fieldSelector,
            long resourceVersion) {
        LabelSelector labels = LabelSelector.parse(labelSelector);
        FieldSelector fields = FieldSelector.parse(fieldSelector, kind);
        return store.state().listAt(kind.resource(), kind.namespaced() ? namespace : null, resourceVersion)
                .map(objects -> new ListResult(select(objects, labels, fields), resourceVersion));
    }

    private static List<StoredObject> select(List<StoredObject> objects, LabelSelector labels, FieldSelector fields) {
        List<StoredObject> items = new ArrayList<>();
        for (StoredObject o : objects) {
            if (labels.matches(o.labels()) && fields.matches(o.json())) {
                items.add(o);
            }
        }
        return items;
    }

    /**
     * Watches a kind from a resourceVersion (null: from now), delivering through {@code listener}.
     *
     * @throws ApiException Expired (410) when the start point is older than the retained history
     */
    public WatchHub.Subscription watch(KindInfo kind, String namespace, String labelSelector, String fieldSelector,
            String fromResourceVersion, WatchHub.Listener listener) {
        LabelSelector labels = LabelSelector.parse(labelSelector);
        FieldSelector fields = FieldSelector.parse(fieldSelector, kind);
        long from;
        try {
            from = fromResourceVersion == null || fromResourceVersion.isEmpty()
                    ? store.state().resourceVersion() : Long.parseLong(fromResourceVersion);
        } catch (NumberFormatException e) {
            throw Errors.badRequest("invalid resource version: " + fromResourceVersion);
        }
        String prefix = StoredObject.prefix(kind.resource(), kind.namespaced() ? namespace : null);
        return watches.subscribe(prefix, o -> labels.matches(o.labels()) && fields.matches(o.json()), from, listener);
    }

    // ---- writes ------------------------------------------------------------------------------

    /** Creates an object ({@code POST}); {@code defaultNamespace} applies when it names none. Records no manager. */
    public StoredObject create(ObjectNode input, String defaultNamespace, boolean dryRun) {
        return create(input, defaultNamespace, dryRun, null);
    }

    /** Creates an object, recording {@code manager}'s fields (an {@code Update}) in its managedFields. */
    public StoredObject create(ObjectNode input, String defaultNamespace, boolean dryRun, Manager manager) {
        Prepared p = prepare(input, defaultNamespace);
        List<FieldError> errs = ObjectValidator.validate(p.kind, withPlaceholderName(p.obj));
        if (!errs.isEmpty()) {
            throw Errors.invalid(p.kind, nameForMessage(p.obj), errs);
        }
        String generateName = Json.text(p.obj, "metadata", "generateName");
        boolean generated = Json.text(p.obj, "metadata", "name") == null && generateName != null;
        for (int attempt = 1; ; attempt++) {
            ObjectNode candidate = p.obj.deepCopy();
            if (generated) {
                String base = generateName.length() > 58 ? generateName.substring(0, 58) : generateName;
                Json.with(candidate, "metadata").put("name", base + random.nameSuffix());
            }
            String uid = random.uuid();
            Instant now = clock.now();
            Tracking track = tracking(p.kind, manager, now);
            try {
                return run(dryRun, s -> writeCreate(s, p.kind, candidate.deepCopy(), uid, now, track));
            } catch (ApiException e) {
                if (!generated || !"AlreadyExists".equals(e.reason()) || attempt == GENERATE_NAME_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Replaces an object ({@code PUT}); a stale {@code metadata.resourceVersion} is a Conflict. Records no manager. */
    public StoredObject update(ObjectNode input, String defaultNamespace, boolean dryRun) {
        return update(input, defaultNamespace, dryRun, null);
    }

    /** Replaces an object, recording {@code manager}'s changes (an {@code Update}) in its managedFields. */
    public StoredObject update(ObjectNode input, String defaultNamespace, boolean dryRun, Manager manager) {
        Prepared p = prepare(input, defaultNamespace);
        String name = Json.text(p.obj, "metadata", "name");
        // A Service is validated in the transaction, after PrepareForUpdate has seen the stored one.
        List<FieldError> errs = ServiceRegistry.handles(p.kind) ? List.of() : ObjectValidator.validate(p.kind, p.obj);
        if (!errs.isEmpty()) {
            throw Errors.invalid(p.kind, name == null ? "" : name, errs);
        }
        String rv = Json.text(p.obj, "metadata", "resourceVersion");
        String key = key(p.kind, Json.text(p.obj, "metadata", "namespace"), name);
        Tracking track = tracking(p.kind, manager, clock.now());
        return run(dryRun, s -> {
            StoredObject old = current(s, p.kind, key, name, rv);
            ObjectNode o = p.obj.deepCopy();
            if (p.kind.statusSubresource()) {
                copyField(old.json(), o, "status");
            }
            return writeUpdate(s, p.kind, old, o, track);
        });
    }

    /** Writes only the status of an object (the {@code /status} subresource). Records no manager. */
    public StoredObject updateStatus(ObjectNode input, String defaultNamespace) {
        return updateStatus(input, defaultNamespace, null);
    }

    /** Writes only the status of an object, recording {@code manager}'s changes in its managedFields. */
    public StoredObject updateStatus(ObjectNode input, String defaultNamespace, Manager manager) {
        Prepared p = prepare(input, defaultNamespace);
        String name = Json.text(p.obj, "metadata", "name");
        String rv = Json.text(p.obj, "metadata", "resourceVersion");
        String key = key(p.kind, Json.text(p.obj, "metadata", "namespace"), name);
        Tracking track = tracking(p.kind, manager, clock.now());
        return run(false, s -> {
            StoredObject old = current(s, p.kind, key, name, rv);
            ObjectNode o = old.mutableCopy();
            copyField(p.obj, o, "status");
            return writeUpdate(s, p.kind, old, o, track);
        });
    }

    /** The object an update replaces: NotFound when absent, Conflict when the caller's resourceVersion is stale. */
    private static StoredObject current(ClusterState s, KindInfo kind, String key, String name, String expectedRv) {
        StoredObject old = s.get(key);
        if (old == null) {
            throw Errors.notFound(kind, name);
        }
        if (expectedRv != null && !expectedRv.isEmpty() && !expectedRv.equals(Long.toString(old.resourceVersion()))) {
            throw Errors.conflict(kind, name);
        }
        return old;
    }

    /**
     * Creates or updates an object the way {@code kubectl apply} does: a three-way merge of the
     * live object, the last applied manifest (kept in an annotation) and this one.
     */
    public StoredObject apply(ObjectNode input, String defaultNamespace, boolean dryRun) {
        return apply(input, defaultNamespace, dryRun, null);
    }

    /** {@link #apply(ObjectNode, String, boolean)}, recording {@code manager}'s changes (an {@code Update}). */
    public StoredObject apply(ObjectNode input, String defaultNamespace, boolean dryRun, Manager manager) {
        Prepared p = prepare(input, defaultNamespace);
        String name = Json.text(p.obj, "metadata", "name");
        if (name == null || name.isEmpty()) {
            throw Errors.badRequest("resource name may not be empty");
        }
        ObjectNode manifest = input.deepCopy();
        ObjectNode manifestMeta = Json.with(manifest, "metadata");
        if (p.kind.namespaced()) {
            manifestMeta.put("namespace", Json.text(p.obj, "metadata", "namespace"));
        }
        ObjectNode annotations = Json.objectAt(manifestMeta, "annotations");
        if (annotations != null) {
            annotations.remove(LAST_APPLIED);
            if (annotations.isEmpty()) {
                manifestMeta.remove("annotations");
            }
        }
        String lastApplied = Json.write(manifest) + "\n";
        Json.with(p.obj, "metadata", "annotations").put(LAST_APPLIED, lastApplied);
        List<FieldError> errs = ObjectValidator.validate(p.kind, p.obj);
        if (!errs.isEmpty()) {
            throw Errors.invalid(p.kind, name, errs);
        }
        String key = key(p.kind, Json.text(p.obj, "metadata", "namespace"), name);
        String uid = random.uuid();
        Instant now = clock.now();
        Tracking track = tracking(p.kind, manager, now);
        return run(dryRun, s -> {
            StoredObject live = s.get(key);
            if (live == null) {
                return writeCreate(s, p.kind, p.obj.deepCopy(), uid, now, track);
            }
            ObjectNode desired = manifest.deepCopy();
            VersionUpgrade.upgrade(desired);
            Json.with(desired, "metadata", "annotations").put(LAST_APPLIED, lastApplied);
            ObjectNode merged = ThreeWayMerge.merge(live.mutableCopy(), previousManifest(live), desired);
            Defaults.apply(p.kind, merged);
            List<FieldError> mergedErrs = ServiceRegistry.handles(p.kind) ? List.of()
                    : ObjectValidator.validate(p.kind, merged);
            if (!mergedErrs.isEmpty()) {
                throw Errors.invalid(p.kind, name, mergedErrs);
            }
            return writeUpdate(s, p.kind, live, merged, track);
        });
    }

    /**
     * Server-side apply ({@code PATCH} with {@code application/apply-patch+yaml}): merges
     * {@code config} into the live object, or creates it, tracking field ownership in
     * managedFields. Through the {@code status} subresource only the status is taken.
     *
     * @throws ApiException 409 Conflict when the configuration changes fields another manager
     *     owns, unless {@code force}
     */
    public Applied serverSideApply(ObjectNode config, String defaultNamespace, Manager manager, boolean force,
            boolean dryRun) {
        ObjectNode cfg = config.deepCopy();
        if (cfg.path("metadata").has("managedFields")) {
            throw Errors.badRequest("metadata.managedFields must be nil");
        }
        KindInfo kind = prepare(cfg, defaultNamespace).kind;
        VersionUpgrade.upgrade(cfg);
        ObjectNode meta = Json.with(cfg, "metadata");
        placeInNamespace(kind, meta, defaultNamespace);
        String name = meta.path("name").asText("");
        if (name.isEmpty()) {
            throw Errors.badRequest("resource name may not be empty");
        }
        String key = key(kind, meta.path("namespace").asText(null), name);
        Manager m = manager.orVersion(kind.apiVersion());
        boolean status = m.subresource().equals("status");
        String uid = random.uuid();
        Instant now = clock.now();
        return run(dryRun, s -> {
            StoredObject live = s.get(key);
            if (live == null && status) {
                throw Errors.notFound(kind, name);
            }
            ObjectNode merged = ManagedFields.apply(kind, live == null ? null : live.json(), cfg, m, force, now);
            if (status) {
                ObjectNode o = live.mutableCopy();
                copyField(merged, o, "status");
                copyField(merged.path("metadata"), Json.with(o, "metadata"), "managedFields");
                merged = o;
            } else if (live != null && kind.statusSubresource()) {
                copyField(live.json(), merged, "status");
            }
            Defaults.apply(kind, merged);
            if (live == null) {
                List<FieldError> errs = ObjectValidator.validate(kind, merged);
                if (!errs.isEmpty()) {
                    throw Errors.invalid(kind, name, errs);
                }
                Outcome<StoredObject> created = writeCreate(s, kind, merged, uid, now, Tracking.DONE);
                return new Outcome<>(created.state(), new Applied(created.value(), true));
            }
            List<FieldError> errs = ServiceRegistry.handles(kind) ? List.of() : ObjectValidator.validate(kind, merged);
            if (!errs.isEmpty()) {
                throw Errors.invalid(kind, name, errs);
            }
            Outcome<StoredObject> updated = writeUpdate(s, kind, live, merged, Tracking.DONE);
            return new Outcome<>(updated.state(), new Applied(updated.value(), false));
        });
    }

    /**
     * Read-modify-write of one object, for controllers: {@code change} gets a copy of the current
     * object and returns the object to write (or null for "no change"). It may run more than once.
     * Returns the object as committed, or null when it does not exist (any more).
     */
    public StoredObject mutate(KindInfo kind, String namespace, String name, UnaryOperator<ObjectNode> change) {
        String key = key(kind, namespace, name);
        return store.commit(s -> {
            StoredObject old = s.get(key);
            if (old == null) {
                return new Outcome<>(s, null);
            }
            ObjectNode o = change.apply(old.mutableCopy());
            if (o == null) {
                return new Outcome<>(s, old);
            }
            return writeUpdate(s, kind, old, o, Tracking.KEEP);
        });
    }

    /** Deletes an object, gracefully or with finalizers pending where that applies. */
    public DeleteResult delete(KindInfo kind, String namespace, String name, DeleteOptions options) {
        String key = key(kind, namespace, name);
        Instant now = clock.now();
        Function<ClusterState, Outcome<DeleteResult>> txn = s -> {
            StoredObject old = s.get(key);
            if (old == null) {
                throw Errors.notFound(kind, name);
            }
            if (options.preconditionUid() != null && !options.preconditionUid().equals(old.uid())) {
                throw Errors.conflict(kind, name, "Precondition failed: UID in precondition: "
                        + options.preconditionUid() + ", UID in object meta: " + old.uid());
            }
            if (options.preconditionResourceVersion() != null
                    && !options.preconditionResourceVersion().equals(Long.toString(old.resourceVersion()))) {
                throw Errors.conflict(kind, name, "Precondition failed: ResourceVersion in precondition: "
                        + options.preconditionResourceVersion() + ", ResourceVersion in object meta: "
                        + old.resourceVersion());
            }
            if (kind.kind().equals("Namespace") && kind.group().isEmpty() && UNDELETABLE_NAMESPACES.contains(name)) {
                throw Errors.forbidden(kind, name, "this namespace may not be deleted");
            }
            return deleteInState(s, kind, old, options, now);
        };
        if (options.dryRun()) {
            return txn.apply(store.state()).value();
        }
        return store.commit(txn);
    }

    private Outcome<DeleteResult> deleteInState(ClusterState s, KindInfo kind, StoredObject old, DeleteOptions options,
            Instant now) {
        Propagation policy = options.propagation() != null ? options.propagation() : kind.defaultPropagation();
        long grace = gracePeriod(kind, old, options);
        ObjectNode o = old.mutableCopy();
        ObjectNode meta = Json.with(o, "metadata");
        Set<String> finalizers = new LinkedHashSet<>();
        Json.arrayAt(meta, "finalizers").forEach(f -> finalizers.add(f.asText()));
        finalizers.remove("orphan");
        finalizers.remove("foregroundDeletion");
        if (policy == Propagation.ORPHAN) {
            finalizers.add("orphan");
        } else if (policy == Propagation.FOREGROUND) {
            finalizers.add("foregroundDeletion");
        }
        boolean namespaceFinalizers = kind.kind().equals("Namespace") && !Json.arrayAt(o, "spec", "finalizers").isEmpty();
        if (old.isDeleting()) {
            long current = meta.path("deletionGracePeriodSeconds").asLong(0);
            if (grace >= current) {
                return new Outcome<>(s, new DeleteResult(old, false));
            }
        } else if (grace == 0 && finalizers.isEmpty() && !namespaceFinalizers) {
            ClusterState next = s.remove(old.key());
            return new Outcome<>(next, new DeleteResult(next.changesAfter(s.resourceVersion()).get(0).object(), true));
        }
        if (!old.isDeleting() || grace < meta.path("deletionGracePeriodSeconds").asLong(0)) {
            meta.put("deletionTimestamp", Json.time(now.plusSeconds(grace)));
            meta.put("deletionGracePeriodSeconds", grace);
        }
        ArrayNode fin = Json.array();
        finalizers.forEach(fin::add);
        if (fin.isEmpty()) {
            meta.remove("finalizers");
        } else {
            meta.set("finalizers", fin);
        }
        if (kind.tracksGeneration() && !old.isDeleting()) {
            meta.put("generation", meta.path("generation").asLong(0) + 1);
        }
        if (kind.kind().equals("Namespace")) {
            Json.with(o, "status").put("phase", "Terminating");
        }
        if (shouldRemove(kind, o)) {
            ClusterState next = s.remove(old.key());
            return new Outcome<>(next, new DeleteResult(next.changesAfter(s.resourceVersion()).get(0).object(), true));
        }
        ClusterState next = s.put(kind.resource(), Canonical.order(o));
        return new Outcome<>(next, new DeleteResult(next.get(old.key()), false));
    }

    private static long gracePeriod(KindInfo kind, StoredObject old, DeleteOptions options) {
        if (!kind.kind().equals("Pod") || !kind.group().isEmpty()) {
            return 0;
        }
        JsonNode pod = old.json();
        String phase = Json.text(pod, "status", "phase");
        if (Json.text(pod, "spec", "nodeName") == null || "Succeeded".equals(phase) || "Failed".equals(phase)) {
            return 0;
        }
        long grace = options.gracePeriodSeconds() != null ? options.gracePeriodSeconds()
                : pod.path("spec").path("terminationGracePeriodSeconds").asLong(30);
        return Math.max(grace, 0);
    }

    // ---- the commit pipeline -----------------------------------------------------------------

    private record Prepared(KindInfo kind, ObjectNode obj) {
    }

    /** How a write records field ownership in the object it is about to store. */
    @FunctionalInterface
    private interface Tracking {
        /** Records nothing and keeps the stored managedFields, for the cluster's own controllers. */
        Tracking KEEP = ManagedFields::keep;
        /** The managedFields are in place already (server-side apply computed them). */
        Tracking DONE = (old, updated) -> { };

        void record(JsonNode old, ObjectNode updated);
    }

    private static Tracking tracking(KindInfo kind, Manager manager, Instant now) {
        if (manager == null) {
            return Tracking.KEEP;
        }
        Manager m = manager.orVersion(kind.apiVersion());
        return (old, updated) -> ManagedFields.recordUpdate(kind, old, updated, m, now);
    }

    /** Copy, check apiVersion/kind, upgrade old versions, place in a namespace, default. */
    private Prepared prepare(ObjectNode input, String defaultNamespace) {
        ObjectNode obj = input.deepCopy();
        String apiVersion = Json.text(obj, "apiVersion");
        String kindName = Json.text(obj, "kind");
        if (kindName == null || kindName.isEmpty()) {
            throw Errors.badRequest("Object 'Kind' is missing in '" + Json.write(input) + "'");
        }
        if (apiVersion == null || apiVersion.isEmpty()) {
            throw Errors.badRequest("Object 'apiVersion' is missing in '" + Json.write(input) + "'");
        }
        VersionUpgrade.upgrade(obj);
        KindInfo kind = store.state().kinds().forObject(Json.text(obj, "apiVersion"), kindName)
                .orElseThrow(() -> Errors.unknownKind(apiVersion, kindName));
        placeInNamespace(kind, Json.with(obj, "metadata"), defaultNamespace);
        Defaults.apply(kind, obj);
        return new Prepared(kind, obj);
    }

    private static void placeInNamespace(KindInfo kind, ObjectNode meta, String defaultNamespace) {
        if (kind.namespaced()) {
            String ns = meta.path("namespace").asText("");
            meta.put("namespace", ns.isEmpty() ? (defaultNamespace == null ? "default" : defaultNamespace) : ns);
        } else {
            meta.remove("namespace");
        }
    }

    private Outcome<StoredObject> writeCreate(ClusterState s, KindInfo kind, ObjectNode o, String uid, Instant now,
            Tracking track) {
        ObjectNode meta = Json.with(o, "metadata");
        String namespace = meta.path("namespace").asText(null);
        String name = meta.path("name").asText();
        if (kind.namespaced()) {
            admitNamespace(s, kind, namespace, name);
        }
        String key = key(kind, namespace, name);
        if (s.get(key) != null) {
            throw Errors.alreadyExists(kind, name);
        }
        for (String f : List.of("resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds")) {
            meta.remove(f);
        }
        track.record(null, o);
        meta.put("uid", uid);
        meta.put("creationTimestamp", Json.time(now));
        if (kind.tracksGeneration()) {
            meta.put("generation", 1);
        } else {
            meta.remove("generation");
        }
        CreateHooks.prepare(kind, o, uid);
        if (ServiceRegistry.handles(kind)) {
            ServiceRegistry.allocateCreate(s, kind, o, uid);
        }
        ClusterState next = s.put(kind.resource(), Canonical.order(o));
        return new Outcome<>(next, next.get(key));
    }

    private Outcome<StoredObject> writeUpdate(ClusterState s, KindInfo kind, StoredObject old, ObjectNode o,
            Tracking track) {
        track.record(old.json(), o);
        ObjectNode meta = Json.with(o, "metadata");
        JsonNode oldMeta = old.json().path("metadata");
        for (String f : List.of("uid", "creationTimestamp", "generation", "deletionTimestamp",
                "deletionGracePeriodSeconds")) {
            copyField(oldMeta, meta, f);
        }
        meta.put("name", old.name());
        if (kind.namespaced()) {
            meta.put("namespace", old.namespace());
        } else {
            meta.remove("namespace");
        }
        if (old.isDeleting()) {
            List<String> added = new ArrayList<>();
            Set<String> before = new LinkedHashSet<>();
            Json.arrayAt(oldMeta, "finalizers").forEach(f -> before.add(f.asText()));
            Json.arrayAt(meta, "finalizers").forEach(f -> {
                if (!before.contains(f.asText())) {
                    added.add(f.asText());
                }
            });
            if (!added.isEmpty()) {
                throw Errors.invalid(kind, old.name(), List.of(FieldError.forbidden("metadata.finalizers",
                        "no new finalizers can be added if the object is being deleted, found new finalizers "
                                + added.stream().map(FieldError::quote).reduce((a, b) -> a + ", " + b)
                                        .map(x -> "[]string{" + x + "}").orElse(""))));
            }
        }
        boolean service = ServiceRegistry.handles(kind);
        List<FieldError> errs = new ArrayList<>();
        if (service) {
            ServiceRegistry.prepareForUpdate(old.json(), o);
        }
        errs.addAll(ObjectValidator.validateUpdate(kind, old.json(), o));
        if (service) {
            errs.addAll(ObjectValidator.validate(kind, o));
        }
        if (!errs.isEmpty()) {
            throw Errors.invalid(kind, old.name(), errs);
        }
        if (service) {
            ServiceRegistry.allocateUpdate(s, kind, old, o);
        }
        TemplateGeneration.onUpdate(kind, old.json(), o);
        if (kind.tracksGeneration() && specChanged(old.json(), o)) {
            meta.put("generation", oldMeta.path("generation").asLong(0) + 1);
        }
        meta.put("resourceVersion", Long.toString(old.resourceVersion()));
        ObjectNode ordered = Canonical.order(o);
        if (ordered.equals(old.json())) {
            return new Outcome<>(s, old);
        }
        if (shouldRemove(kind, ordered)) {
            ClusterState next = s.remove(old.key());
            return new Outcome<>(next, next.changesAfter(s.resourceVersion()).get(0).object());
        }
        ClusterState next = s.put(kind.resource(), ordered);
        return new Outcome<>(next, next.get(old.key()));
    }

    /** A deleting object goes once its finalizers (and a namespace's spec.finalizers) are done and no grace remains. */
    private static boolean shouldRemove(KindInfo kind, JsonNode o) {
        JsonNode meta = o.path("metadata");
        if (!meta.hasNonNull("deletionTimestamp") || !Json.arrayAt(meta, "finalizers").isEmpty()) {
            return false;
        }
        if (kind.kind().equals("Namespace") && !Json.arrayAt(o, "spec", "finalizers").isEmpty()) {
            return false;
        }
        return meta.path("deletionGracePeriodSeconds").asLong(0) == 0;
    }

    private static boolean specChanged(JsonNode before, JsonNode after) {
        ObjectNode a = ((ObjectNode) before).deepCopy();
        ObjectNode b = ((ObjectNode) after).deepCopy();
        for (ObjectNode n : List.of(a, b)) {
            n.remove("metadata");
            n.remove("status");
        }
        return !a.equals(b);
    }

    private static void admitNamespace(ClusterState s, KindInfo kind, String namespace, String name) {
        StoredObject ns = s.get(StoredObject.key("namespaces", "", namespace));
        if (ns == null) {
            throw Errors.namespaceNotFound(namespace);
        }
        if (ns.isDeleting()) {
            throw Errors.namespaceTerminating(kind, name, namespace);
        }
    }

    private <T> T run(boolean dryRun, Function<ClusterState, Outcome<T>> txn) {
        if (!dryRun) {
            return store.commit(txn);
        }
        return txn.apply(store.state()).value();
    }

    private static JsonNode previousManifest(StoredObject live) {
        String text = Json.text(live.json(), "metadata", "annotations", LAST_APPLIED);
        if (text == null) {
            return null;
        }
        try {
            JsonNode last = Json.MAPPER.readTree(text);
            if (last instanceof ObjectNode o) {
                VersionUpgrade.upgrade(o);
            }
            return last;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static void copyField(JsonNode from, ObjectNode to, String field) {
        JsonNode v = from.get(field);
        if (v == null) {
            to.remove(field);
        } else {
            to.set(field, v.deepCopy());
        }
    }

    private static ObjectNode withPlaceholderName(ObjectNode obj) {
        if (Json.text(obj, "metadata", "name") != null || Json.text(obj, "metadata", "generateName") == null) {
            return obj;
        }
        ObjectNode copy = obj.deepCopy();
        Json.with(copy, "metadata").put("name", Json.text(obj, "metadata", "generateName") + "x");
        return copy;
    }

    private static String nameForMessage(ObjectNode obj) {
        String name = Json.text(obj, "metadata", "name");
        return name != null ? name : "";
    }

    private static String key(KindInfo kind, String namespace, String name) {
        return StoredObject.key(kind.resource(), kind.namespaced() ? (namespace == null ? "default" : namespace) : "",
                name);
    }

    /**
     * The answer to a list.
     *
     * @param items matching objects in storage-key order
     * @param resourceVersion the resourceVersion the list was read at; watching from it misses nothing
     */
    public record ListResult(List<StoredObject> items, long resourceVersion) {
    }

    /**
     * The answer to a server-side apply.
     *
     * @param object the object as stored (or as it would be, for a dry run)
     * @param created whether the apply created it
     */
    public record Applied(StoredObject object, boolean created) {
    }

    /**
     * The answer to a delete.
     *
     * @param object the object's last state (removed) or its state with {@code deletionTimestamp} (pending)
     * @param removed whether the object is gone
     */
    public record DeleteResult(StoredObject object, boolean removed) {
    }
}
