package dev.fakecluster.internal.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The v1 Endpoints subsets: repacking by port set, and the 1000-address cap. */
class SubsetsTest {

    private static StoredObject store(ClusterState[] state, String resource, ObjectNode json) {
        state[0] = state[0].put(resource, json);
        return state[0].get(StoredObject.key(resource, "default", json.path("metadata").path("name").asText()));
    }

    private static StoredObject service(ClusterState[] state) {
        ObjectNode svc = Json.object().put("kind", "Service");
        svc.putObject("metadata").put("name", "web").put("namespace", "default");
        svc.putObject("spec").putObject("selector").put("app", "web");
        Json.with(svc, "spec").putArray("ports").addObject().put("port", 80).put("protocol", "TCP").put("targetPort", 80);
        return store(state, "services", svc);
    }

    private static StoredObject pod(ClusterState[] state, int i, boolean ready) {
        ObjectNode pod = Json.object().put("kind", "Pod");
        pod.putObject("metadata").put("name", "p" + i).put("namespace", "default").put("uid", "uid-" + i)
                .putObject("labels").put("app", "web");
        pod.putObject("spec").put("nodeName", "node2");
        ObjectNode status = pod.putObject("status").put("phase", "Running")
                .put("podIP", "10.244." + (i / 250) + "." + (i % 250 + 1));
        status.putArray("conditions").addObject().put("type", "Ready").put("status", ready ? "True" : "False");
        return store(state, "pods", pod);
    }

    @Test
    void readyAndNotReadyPodsOnTheSamePortShareOneSubsetSortedByAddress() {
        ClusterState[] state = {ClusterState.empty(10)};
        StoredObject svc = service(state);
        List<StoredObject> pods = List.of(pod(state, 11, true), pod(state, 2, false), pod(state, 3, true));

        Subsets.Result result = Subsets.of(svc, pods);

        assertThat(result.truncated()).isFalse();
        assertThat(Json.write(result.subsets())).isEqualTo("[{\"addresses\":[" + address("10.244.0.12", 11) + ","
                + address("10.244.0.4", 3) + "],\"notReadyAddresses\":[" + address("10.244.0.3", 2) + "],"
                + "\"ports\":[{\"port\":80,\"protocol\":\"TCP\"}]}]");
    }

    private static String address(String ip, int pod) {
        return "{\"ip\":\"" + ip + "\",\"nodeName\":\"node2\",\"targetRef\":{\"kind\":\"Pod\",\"namespace\":\"default\","
                + "\"name\":\"p" + pod + "\",\"uid\":\"uid-" + pod + "\"}}";
    }

    @Test
    void overAThousandAddressesTheNotReadyOnesAreCutFirst() {
        ClusterState[] state = {ClusterState.empty(10)};
        StoredObject svc = service(state);
        List<StoredObject> pods = new ArrayList<>();
        for (int i = 0; i < 1100; i++) {
            pods.add(pod(state, i, i < 900));
        }

        Subsets.Result result = Subsets.of(svc, pods);

        assertThat(result.truncated()).isTrue();
        assertThat(result.subsets().get(0).path("addresses")).hasSize(900);
        assertThat(result.subsets().get(0).path("notReadyAddresses")).hasSize(100);
    }
}
