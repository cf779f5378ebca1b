package dev.fakecluster.junit;

import static dev.fakecluster.junit.ClusterAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakecluster.Cluster;
import dev.fakecluster.Reply;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@FakeCluster(manifests = "manifests/httpd.yaml")
class ReplyAssertTest {

    @Test
    void aRoutedReplyPassesEveryCheck(Cluster cluster) {
        cluster.advance(Duration.ofSeconds(10));

        assertThat(cluster.http().get("http://httpd-svc:8080/")).hasStatus(200).hasBodyContaining("It works!")
                .hasHeader("content-type", "text/html").wasAnsweredByPodStartingWith("httpd-665878579c-");
    }

    @Test
    void failuresShowTheReply(Cluster cluster) {
        cluster.advance(Duration.ofSeconds(10));
        Reply reply = cluster.http().get("http://httpd-svc:8080/");

        assertThatThrownBy(() -> assertThat(reply).hasStatus(404)).hasMessage("""
                Expecting the reply from pod httpd-665878579c-bdrwd to have status 404,
                but its status is 200.

                POD                      STATUS   BODY
                httpd-665878579c-bdrwd   200      <html><body><h1>It works!</h1></body></html>""");
        assertThatThrownBy(() -> assertThat(reply).hasBodyContaining("Welcome to nginx"))
                .hasMessageStartingWith("Expecting the reply from pod httpd-665878579c-bdrwd to have a body containing"
                        + " \"Welcome to nginx\",\nbut it does not.\n");
        assertThatThrownBy(() -> assertThat(reply).wasAnsweredByPodStartingWith("web-"))
                .hasMessageStartingWith("Expecting the reply from pod httpd-665878579c-bdrwd to have been answered by a pod"
                        + " starting with web-,\nbut pod httpd-665878579c-bdrwd answered it.\n");
        assertThatThrownBy(() -> assertThat(reply).hasHeader("Content-Type", "text/plain"))
                .hasMessageStartingWith("Expecting the reply from pod httpd-665878579c-bdrwd to have header Content-Type:"
                        + " text/plain,\nbut its Content-Type is text/html.\n");
        assertThatThrownBy(() -> assertThat(reply).hasHeader("Location", "/"))
                .hasMessageStartingWith("Expecting the reply from pod httpd-665878579c-bdrwd to have header Location: /,\n"
                        + "but it has no Location header (it has Content-Type).\n");
    }

    @Test
    void aReplyABehaviourBuiltNamesNoPod() {
        Reply reply = new Reply(503, Map.of(), "");

        assertThatThrownBy(() -> assertThat(reply).wasAnsweredByPodStartingWith("web-")).hasMessage("""
                Expecting the reply to have been answered by a pod starting with web-,
                but it names no pod.

                POD      STATUS   BODY
                <none>   503""");
        assertThatThrownBy(() -> assertThat(reply).hasBodyContaining("ok"))
                .hasMessageStartingWith("Expecting the reply to have a body containing \"ok\",\nbut its body is empty.\n");
        assertThatThrownBy(() -> assertThat(reply).hasHeader("Location", "/"))
                .hasMessageStartingWith("Expecting the reply to have header Location: /,\nbut it has no Location header.\n");
    }
}
