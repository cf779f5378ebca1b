package dev.fakecluster.http;

import static dev.fakecluster.http.KubectlSession.table;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tutorial's chapter 7 (and 8's stuck rollout) with kubectl 1.32: manifests applied with
 * {@code --record}, {@code rollout history} with their change causes, {@code rollout undo
 * --to-revision}, {@code rollout status} on a rollout that cannot finish (BEHAVIOURS.md H, I).
 */
class KubectlRolloutTest {

    private static final String RECORD_DEPRECATED = "Flag --record has been deprecated, --record will be removed in the future\n";

    @TempDir
    Path dir;
    KubectlSession k;

    @BeforeEach
    void start() {
        k = KubectlSession.start(dir);
    }

    @AfterEach
    void stop() {
        k.close();
    }

    @Test
    void recordedRevisionsAndUndoToTheFirst() {
        Kubectl.Result created = k.ok("apply", "-f", k.manifest("httpd.v1.yml"), "--record");
        assertThat(created.out()).isEqualTo("deployment.apps/httpd created\n");
        assertThat(created.err()).isEqualTo(RECORD_DEPRECATED);
        k.advance(Duration.ofSeconds(30));
        assertThat(k.out("get", "deployment", "httpd", "-o", "wide")).isEqualTo(table(
                "NAME  READY  UP-TO-DATE  AVAILABLE  AGE  CONTAINERS  IMAGES  SELECTOR",
                "httpd  3/3  3  3  30s  httpd  httpd:2.4.16  run=httpd"));

        assertThat(k.ok("apply", "-f", k.manifest("httpd.v2.yml"), "--record").out()).isEqualTo("deployment.apps/httpd configured\n");
        assertThat(k.out("get", "deployment", "httpd", "-o", "wide")).as("mid-rollout: one new pod, not yet available")
                .isEqualTo(table(
                        "NAME  READY  UP-TO-DATE  AVAILABLE  AGE  CONTAINERS  IMAGES  SELECTOR",
                        "httpd  3/3  1  3  30s  httpd  httpd:2.4.17  run=httpd"));
        assertThat(k.pods("run=httpd")).hasSize(4);
        k.advance(Duration.ofSeconds(30));
        assertThat(k.ok("apply", "-f", k.manifest("httpd.v3.yml"), "--record").out()).isEqualTo("deployment.apps/httpd configured\n");
        k.advance(Duration.ofSeconds(60));

        assertThat(k.out("rollout", "history", "deployment", "httpd")).isEqualTo("deployment.apps/httpd \n"
                + "REVISION  CHANGE-CAUSE\n"
                + "1         " + cause("httpd.v1.yml") + "\n"
                + "2         " + cause("httpd.v2.yml") + "\n"
                + "3         " + cause("httpd.v3.yml") + "\n\n");
        assertThat(k.out("rollout", "undo", "deployment", "httpd", "--to-revision=1")).isEqualTo("deployment.apps/httpd rolled back\n");
        k.advance(Duration.ofSeconds(60));
        assertThat(k.out("get", "deployment", "httpd", "-o", "wide")).isEqualTo(table(
                "NAME  READY  UP-TO-DATE  AVAILABLE  AGE  CONTAINERS  IMAGES  SELECTOR",
                "httpd  3/3  3  3  3m  httpd  httpd:2.4.16  run=httpd"));
        assertThat(k.out("rollout", "history", "deployment", "httpd")).as("revision 1 comes back as 4").isEqualTo(
                "deployment.apps/httpd \n"
                + "REVISION  CHANGE-CAUSE\n"
                + "2         " + cause("httpd.v2.yml") + "\n"
                + "3         " + cause("httpd.v3.yml") + "\n"
                + "4         " + cause("httpd.v1.yml") + "\n\n");
    }

    @Test
    void aRolloutWhosePodsNeverGetReadyStaysStuckUntilUndone() {
        k.ok("apply", "-f", k.manifest("app.v1.yml"), "--record");
        k.advance(Duration.ofSeconds(90));
        assertThat(k.out("get", "deployment", "app")).isEqualTo(table(
                "NAME  READY  UP-TO-DATE  AVAILABLE  AGE",
                "app  10/10  10  10  90s"));

        assertThat(k.ok("apply", "-f", k.manifest("app.v2.yml"), "--record").out()).isEqualTo("deployment.apps/app configured\n");
        k.advance(Duration.ofSeconds(60));
        assertThat(k.out("get", "deployment", "app")).isEqualTo(table(
                "NAME  READY  UP-TO-DATE  AVAILABLE  AGE",
                "app  8/10  5  8  2m30s"));
        assertThat(k.out("get", "pods").lines().skip(1).map(l -> l.split(" +")[1] + " " + l.split(" +")[2]))
                .as("8 old ready pods, 5 new ones never ready")
                .containsExactlyInAnyOrder("1/1 Running", "1/1 Running", "1/1 Running", "1/1 Running", "1/1 Running",
                        "1/1 Running", "1/1 Running", "1/1 Running", "0/1 Running", "0/1 Running", "0/1 Running",
                        "0/1 Running", "0/1 Running");

        Kubectl.Result stuck = k.kubectl.run("rollout", "status", "deployment", "app", "--timeout=1s");
        assertThat(stuck.exitCode()).isEqualTo(1);
        assertThat(stuck.out()).isEqualTo("Waiting for deployment \"app\" rollout to finish: 5 out of 10 new replicas have been updated...\n");
        assertThat(stuck.err()).isEqualTo("error: timed out waiting for the condition\n");

        assertThat(k.out("rollout", "history", "deployment", "app")).isEqualTo("deployment.apps/app \n"
                + "REVISION  CHANGE-CAUSE\n"
                + "1         " + cause("app.v1.yml") + "\n"
                + "2         " + cause("app.v2.yml") + "\n\n");
        assertThat(k.out("rollout", "undo", "deployment", "app", "--to-revision=1")).isEqualTo("deployment.apps/app rolled back\n");
        k.advance(Duration.ofSeconds(60));
        assertThat(k.out("get", "deployment", "app")).isEqualTo(table(
                "NAME  READY  UP-TO-DATE  AVAILABLE  AGE",
                "app  10/10  10  10  3m30s"));
        assertThat(k.pods("run=app")).as("the new pods are gone").hasSize(10);
    }

    /** The change cause kubectl records for {@code apply -f <manifest> --record}. */
    private String cause(String manifest) {
        return "kubectl apply --filename=" + k.manifest(manifest) + " --record=true";
    }
}
