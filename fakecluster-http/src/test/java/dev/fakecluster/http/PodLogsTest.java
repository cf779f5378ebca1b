package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.Cluster;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PodLogsTest {

    private static final String LOG = "/api/v1/namespaces/default/pods/crasher/log";

    Cluster cluster;
    FakeApiServer server;
    Http http;

    @BeforeEach
    void start() {
        cluster = Cluster.builder().build();
        server = FakeApiServer.start(cluster);
        http = new Http(server.url());
        cluster.apply("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "crasher"},
                 "spec": {"restartPolicy": "OnFailure", "containers": [{"name": "app", "image": "busybox",
                   "command": ["sh", "-c", "echo starting; sleep 5; exit 1"]}]}}""");
    }

    @AfterEach
    void stop() {
        server.close();
        cluster.close();
    }

    @Test
    void aContainerNotStartedYetHasNoLogsButABadRequest() {
        Http.Reply r = http.get(LOG);
        assertThat(r.code()).isEqualTo(400);
        assertThat(r.json().path("message").asText())
                .isEqualTo("container \"app\" in pod \"crasher\" is waiting to start: ContainerCreating");
    }

    @Test
    void previousIsABadRequestUntilTheContainerHasRestarted() {
        cluster.advance(Duration.ofSeconds(4));
        assertThat(http.get(LOG).text()).isEqualTo("starting\n");
        Http.Reply none = http.get(LOG + "?previous=true");
        assertThat(none.code()).isEqualTo(400);
        JsonNode status = none.json();
        assertThat(status.path("reason").asText()).isEqualTo("BadRequest");
        assertThat(status.path("message").asText()).isEqualTo("previous terminated container \"app\" in pod \"crasher\" not found");

        cluster.advance(Duration.ofSeconds(5));
        Http.Reply previous = http.get(LOG + "?previous=true");
        assertThat(previous.code()).isEqualTo(200);
        assertThat(previous.text()).isEqualTo("starting\n");
    }
}
