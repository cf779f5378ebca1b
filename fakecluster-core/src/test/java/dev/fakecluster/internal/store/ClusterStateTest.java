package dev.fakecluster.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClusterStateTest {

    private static ObjectNode configMap(String namespace, String name, String value) {
        ObjectNode o = Json.object().put("kind", "ConfigMap").put("apiVersion", "v1");
        o.putObject("metadata").put("name", name).put("namespace", namespace).put("uid", "uid-" + namespace + name);
        o.putObject("data").put("v", value);
        return o;
    }

    private static List<String> names(List<StoredObject> objects) {
        return objects.stream().map(o -> o.name() + "@" + o.resourceVersion()).toList();
    }

    private static List<String> at(ClusterState s, long rv) {
        return names(s.listAt("configmaps", "default", rv).orElseThrow());
    }

    @Test
    void listAtUndoesEveryChangeCommittedSince() {
        ClusterState s = ClusterState.empty(100)
                .put("configmaps", configMap("default", "a", "1"))
                .put("configmaps", configMap("default", "b", "1"))
                .put("configmaps", configMap("default", "a", "2"))
                .remove(StoredObject.key("configmaps", "default", "b"))
                .put("configmaps", configMap("default", "c", "1"));

        assertThat(at(s, 0)).isEmpty();
        assertThat(at(s, 2)).containsExactly("a@1", "b@2");
        assertThat(at(s, 3)).containsExactly("a@3", "b@2");
        assertThat(at(s, 4)).containsExactly("a@3");
        assertThat(at(s, 5)).containsExactly("a@3", "c@5");
        assertThat(s.listAt("configmaps", "default", 2).orElseThrow().get(0).json().path("data").path("v").asText())
                .isEqualTo("1");
    }

    @Test
    void listAtSeesOnlyItsResourceAndNamespace() {
        ClusterState s = ClusterState.empty(100)
                .put("configmaps", configMap("default", "a", "1"))
                .put("configmaps", configMap("other", "a", "1"))
                .put("secrets", configMap("default", "s", "1"))
                .put("configmaps", configMap("other", "b", "1"));

        assertThat(at(s, 1)).containsExactly("a@1");
        assertThat(names(s.listAt("configmaps", null, 2).orElseThrow())).containsExactly("a@1", "a@2");
        assertThat(names(s.listAt("secrets", "default", 2).orElseThrow())).isEmpty();
    }

    @Test
    void listAtIsEmptyOnceTheHistoryNoLongerReachesBack() {
        ClusterState s = ClusterState.empty(3);
        for (int i = 0; i < 5; i++) {
            s = s.put("configmaps", configMap("default", "a", Integer.toString(i)));
        }

        assertThat(s.compactedThrough()).isEqualTo(2);
        assertThat(s.listAt("configmaps", "default", 1)).isEmpty();
        assertThat(at(s, 2)).containsExactly("a@2");
    }

    @Test
    void listAtRefusesAVersionTheStateHasNotReached() {
        ClusterState s = ClusterState.empty(10).put("configmaps", configMap("default", "a", "1"));

        assertThatThrownBy(() -> s.listAt("configmaps", "default", 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resourceVersion 2 is newer than the state's 1");
    }

    @Test
    void listAtEqualsTheStateThatWasCommittedAtThatVersion() {
        Random random = new Random(42);
        List<ClusterState> states = new ArrayList<>();
        ClusterState s = ClusterState.empty(200);
        states.add(s);
        while (s.resourceVersion() < 500) {
            String namespace = random.nextBoolean() ? "default" : "other";
            String name = "cm" + random.nextInt(12);
            ClusterState next = random.nextInt(4) == 0 ? s.remove(StoredObject.key("configmaps", namespace, name))
                    : s.put("configmaps", configMap(namespace, name, Integer.toString(random.nextInt())));
            if (next != s) {
                s = next;
                states.add(s);
            }
        }

        for (ClusterState then : states) {
            long rv = then.resourceVersion();
            if (rv >= s.compactedThrough()) {
                assertThat(s.listAt("configmaps", null, rv).orElseThrow()).isEqualTo(then.list("configmaps", null));
                assertThat(s.listAt("configmaps", "other", rv).orElseThrow()).isEqualTo(then.list("configmaps", "other"));
            } else {
                assertThat(s.listAt("configmaps", null, rv)).isEmpty();
            }
        }
    }
}
