package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.Cluster;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin API: the clock, node power, images and requests through Services, with Status errors. */
class AdminTest {

    private static final String HTTPD = """
            {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "httpd"},
             "spec": {"replicas": 2, "selector": {"matchLabels": {"run": "httpd"}},
                      "template": {"metadata": {"labels": {"run": "httpd"}},
                                   "spec": {"containers": [{"name": "httpd", "image": "httpd",
                                                            "ports": [{"containerPort": 80}]}]}}}}
            """;
    private static final String SERVICE = """
            {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "httpd-svc"},
             "spec": {"selector": {"run": "httpd"}, "ports": [{"port": 8080, "targetPort": 80}]}}
            """;

    private Cluster cluster;
    private FakeApiServer server;
    private Http http;

    @BeforeEach
    void start() {
        cluster = Cluster.builder().startTime(Instant.parse("2026-01-01T00:00:00Z")).build();
        server = FakeApiServer.start(cluster);
        http = new Http(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
        cluster.close();
    }

    @Test
    void theClockIsReadAndAdvancedInSeconds() {
        assertThat(http.get("/fakecluster/v1/clock").json().path("now").asText()).isEqualTo("2026-01-01T00:00:00Z");

        Http.Reply advanced = http.post("/fakecluster/v1/clock/advance?seconds=90.5", "");

        assertThat(advanced.code()).isEqualTo(200);
        assertThat(advanced.json().path("now").asText()).isEqualTo("2026-01-01T00:01:30.500Z");
        assertThat(cluster.now()).isEqualTo(Instant.parse("2026-01-01T00:01:30.500Z"));
    }

    @Test
    void advancingRunsTheControllersAsTheClockMoves() {
        http.post("/apis/apps/v1/namespaces/default/deployments", HTTPD);
        http.post("/fakecluster/v1/clock/advance?seconds=10", "");

        JsonNode deployment = http.get("/apis/apps/v1/namespaces/default/deployments/httpd").json();
        assertThat(deployment.path("status").path("availableReplicas").asInt()).isEqualTo(2);
    }

    @Test
    void aKilledNodeGoesNotReadyAfterTheGracePeriodAndComesBack() {
        Http.Reply killed = http.post("/fakecluster/v1/nodes/node2/kill", "");
        assertThat(killed.code()).isEqualTo(200);
        assertThat(killed.json().path("metadata").path("name").asText()).isEqualTo("node2");

        http.post("/fakecluster/v1/clock/advance?seconds=60", "");
        assertThat(ready(http.get("/api/v1/nodes/node2").json())).isEqualTo("Unknown");

        http.post("/fakecluster/v1/nodes/node2/restore", "");
        http.post("/fakecluster/v1/clock/advance?seconds=10", "");
        assertThat(ready(http.get("/api/v1/nodes/node2").json())).isEqualTo("True");
    }

    @Test
    void nodesAreAddedAndImagesMadeUnpullable() {
        Http.Reply added = http.post("/fakecluster/v1/nodes", "{\"name\": \"node4\"}");
        assertThat(added.code()).isEqualTo(201);
        assertThat(http.get("/api/v1/nodes/node4").code()).isEqualTo(200);

        assertThat(http.post("/fakecluster/v1/images", "{\"image\": \"httpd\", \"pullable\": false}").code()).isEqualTo(200);
        http.post("/apis/apps/v1/namespaces/default/deployments", HTTPD);
        http.post("/fakecluster/v1/clock/advance?seconds=10", "");
        assertThat(http.get("/api/v1/namespaces/default/pods").json().path("items").path(0).path("status")
                .path("containerStatuses").path(0).path("state").path("waiting").path("reason").asText())
                .isIn("ErrImagePull", "ImagePullBackOff");
    }

    @Test
    void aRequestThroughAServiceNamesThePodThatAnswered() {
        http.post("/apis/apps/v1/namespaces/default/deployments", HTTPD);
        http.post("/api/v1/namespaces/default/services", SERVICE);
        http.post("/fakecluster/v1/clock/advance?seconds=10", "");

        Http.Reply reply = http.post("/fakecluster/v1/services/default/httpd-svc/request", "{\"path\": \"/\"}");

        assertThat(reply.code()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.path("status").asInt()).isEqualTo(200);
        assertThat(body.path("pod").asText()).startsWith("httpd-");
        assertThat(body.path("body").asText()).isEqualTo("<html><body><h1>It works!</h1></body></html>\n");
        assertThat(body.path("headers").path("Content-Type").asText()).startsWith("text/html");
    }

    @Test
    void errorsAreStatuses() {
        assertStatus(http.post("/fakecluster/v1/nodes/ghost/kill", ""), 404, "NotFound", "nodes \"ghost\" not found");
        assertStatus(http.post("/fakecluster/v1/services/default/ghost/request", "{}"), 404, "NotFound",
                "services \"ghost\" not found");
        assertStatus(http.post("/fakecluster/v1/clock/advance?seconds=-1", ""), 400, "BadRequest",
                "seconds: a number of seconds from 0 to 31536000 (a year) is required, got -1");
        assertStatus(http.post("/fakecluster/v1/clock/advance?seconds=1e300", ""), 400, "BadRequest",
                "seconds: a number of seconds from 0 to 31536000 (a year) is required, got 1e300");
        assertStatus(http.post("/fakecluster/v1/nodes", "[1]"), 400, "BadRequest", "the body must be a JSON object");
        assertThat(http.get("/fakecluster/v1/clock/advance").code()).isEqualTo(405);
        assertThat(http.get("/fakecluster/v1/nothing").code()).isEqualTo(404);

        http.post("/api/v1/namespaces/default/services", SERVICE);
        assertStatus(http.post("/fakecluster/v1/services/default/httpd-svc/request", "{\"port\": 0}"), 400, "BadRequest",
                "port: a port from 1 to 65535 is required, got 0");
        assertStatus(http.post("/fakecluster/v1/services/default/httpd-svc/request", "{}"), 503, "ServiceUnavailable",
                "dial tcp " + cluster.get("svc", "default", "httpd-svc").orElseThrow().field("spec.clusterIP").orElseThrow()
                        + ":8080: connect: connection refused");
    }

    private static void assertStatus(Http.Reply reply, int code, String reason, String message) {
        assertThat(reply.code()).isEqualTo(code);
        assertThat(reply.json().path("kind").asText()).isEqualTo("Status");
        assertThat(reply.json().path("reason").asText()).isEqualTo(reason);
        assertThat(reply.json().path("message").asText()).isEqualTo(message);
    }

    private static String ready(JsonNode node) {
        for (JsonNode c : node.path("status").path("conditions")) {
            if (c.path("type").asText().equals("Ready")) {
                return c.path("status").asText();
            }
        }
        return "";
    }
}
