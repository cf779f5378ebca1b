package dev.fakecluster.internal.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.controlplane.ControlPlane;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.runtime.RunLoop;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.Store;
import java.io.UncheckedIOException;
import java.time.Instant;

/** An API server over a fresh store with the default namespace, plus the GC and namespace controllers. */
final class Fixture {

    final VirtualClock clock = VirtualClock.virtual(Instant.parse("2025-01-01T00:00:00Z"));
    private final ControlPlane plane = ControlPlane.over(ClusterState.empty(1000), clock, 1);
    final Store store = plane.store();
    final ApiServer api = plane.api();
    final RunLoop loop = plane.loop();

    Fixture() {
        create("{apiVersion: v1, kind: Namespace, metadata: {name: default}}");
    }

    static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    dev.fakecluster.internal.store.StoredObject create(String yaml) {
        var o = api.create(yaml(yaml), "default", false);
        loop.run();
        return o;
    }

    /** Creates without letting the controllers react, for tests of the API server's own rules. */
    dev.fakecluster.internal.store.StoredObject createUnreconciled(String yaml) {
        return api.create(yaml(yaml), "default", false);
    }

    KindInfo kind(String name) {
        return api.resolveKind(name);
    }

    static String text(dev.fakecluster.internal.store.StoredObject o, String... path) {
        return Json.text(o.json(), path);
    }
}
