package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.Cluster;
import java.io.IOException;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResourceVersionsTest {

    static final String CONFIGMAPS = "/api/v1/namespaces/default/configmaps";

    Cluster cluster;
    FakeApiServer server;
    Http http;
    long written;

    @BeforeEach
    void start() {
        cluster = Cluster.builder().seed(5).build();
        server = FakeApiServer.start(cluster);
        http = new Http(server.url());
        written = http.post(CONFIGMAPS, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"}}")
                .json().path("metadata").path("resourceVersion").asLong();
    }

    @AfterEach
    void stop() {
        server.close();
        cluster.close();
    }

    @Test
    void aGetWithAResourceVersionReachedServesTheLatestObject() {
        assertThat(http.get(CONFIGMAPS + "/a?resourceVersion=0").code()).isEqualTo(200);
        assertThat(http.get(CONFIGMAPS + "/a?resourceVersion=" + written).json().path("metadata").path("name").asText())
                .isEqualTo("a");
        assertThat(http.get(CONFIGMAPS + "/b?resourceVersion=" + written).code()).isEqualTo(404);
    }

    @Test
    void aGetWithAResourceVersionNotReachedIs504WithRetryAfter() throws IOException {
        long current = Long.parseLong(cluster.resourceVersion());
        okhttp3.Request request = new okhttp3.Request.Builder()
                .url(server.url() + CONFIGMAPS + "/a?resourceVersion=" + (current + 1)).build();

        try (Response r = http.client.newCall(request).execute()) {
            assertThat(r.code()).isEqualTo(504);
            assertThat(r.header("Retry-After")).isEqualTo("1");
            assertThat(Bodies.json(r.body().string()).path("message").asText())
                    .isEqualTo("Timeout: Too large resource version: " + (current + 1) + ", current: " + current);
        }
    }

    @Test
    void aResourceVersionThatIsNoNumberIs400() {
        Http.Reply get = http.get(CONFIGMAPS + "/a?resourceVersion=abc");
        Http.Reply list = http.get(CONFIGMAPS + "?resourceVersion=-1");

        assertThat(get.code()).isEqualTo(400);
        assertThat(get.json().path("message").asText()).isEqualTo("invalid resource version: resourceVersion: "
                + "Invalid value: \"abc\": strconv.ParseUint: parsing \"abc\": invalid syntax");
        assertThat(list.code()).isEqualTo(400);
        assertThat(list.json().path("reason").asText()).isEqualTo("BadRequest");
    }
}
