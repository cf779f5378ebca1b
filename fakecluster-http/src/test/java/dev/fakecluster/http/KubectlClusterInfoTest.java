package dev.fakecluster.http;

import static dev.fakecluster.http.KubectlSession.table;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What kubectl 1.32 says about the cluster itself: {@code version}, {@code cluster-info},
 * {@code config view}, {@code api-resources}, {@code api-versions}, {@code top} and {@code explain}.
 */
class KubectlClusterInfoTest {

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
    void versionClusterInfoAndConfig() {
        assertThat(k.out("version").lines()).last().isEqualTo("Server Version: v1.32.0");
        JsonNode server = Bodies.json(k.out("version", "-o", "json")).path("serverVersion");
        assertThat(server.path("major").asText() + "." + server.path("minor").asText() + " " + server.path("platform").asText())
                .isEqualTo("1.32 linux/amd64");

        String url = k.server.url();
        assertThat(k.out("cluster-info")).isEqualTo("Kubernetes control plane is running at " + url + "\n"
                + "CoreDNS is running at " + url + "/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\n"
                + "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");

        assertThat(k.out("config", "view")).contains("    server: " + url + "\n", "current-context: fakecluster\n");
        assertThat(k.out("config", "view", "--minify", "-o", "jsonpath={.clusters[0].cluster.server}")).isEqualTo(url);
        assertThat(k.out("config", "current-context")).isEqualTo("fakecluster\n");
    }

    @Test
    void apiResourcesAndVersionsListWhatIsServed() {
        String resources = k.out("api-resources");
        assertThat(resources.lines().findFirst().orElseThrow()).matches("NAME +SHORTNAMES +APIVERSION +NAMESPACED +KIND");
        assertThat(resources).containsPattern("\npods +po +v1 +true +Pod\n")
                .containsPattern("\nnodes +no +v1 +false +Node\n")
                .containsPattern("\nservices +svc +v1 +true +Service\n")
                .containsPattern("\ndeployments +deploy +apps/v1 +true +Deployment\n")
                .containsPattern("\ncronjobs +cj +batch/v1 +true +CronJob\n");
        assertThat(k.out("api-resources", "--api-group=apps", "-o", "name"))
                .isEqualTo("controllerrevisions.apps\ndaemonsets.apps\ndeployments.apps\nreplicasets.apps\nstatefulsets.apps\n");
        assertThat(k.out("api-resources", "--api-group=policy")).isEqualTo(table(
                "NAME  SHORTNAMES  APIVERSION  NAMESPACED  KIND",
                "poddisruptionbudgets  pdb  policy/v1  true  PodDisruptionBudget"));
        assertThat(k.out("api-resources", "--namespaced=false", "-o", "name").lines())
                .contains("namespaces", "nodes", "persistentvolumes").doesNotContain("pods", "services");
        assertThat(k.out("api-versions").lines()).contains("v1", "apps/v1", "batch/v1", "policy/v1", "networking.k8s.io/v1");
    }

    @Test
    void topSaysWhatAClusterWithoutAMetricsServerSays() {
        assertThat(k.fails("top", "nodes")).isEqualTo("error: Metrics API not available\n");
        assertThat(k.fails("top", "pods")).isEqualTo("error: Metrics API not available\n");
    }

    @Test
    void explainPrintsAFieldsType() {
        assertThat(k.out("explain", "deployment.spec.replicas")).isEqualTo("""
                GROUP:      apps
                KIND:       Deployment
                VERSION:    v1

                FIELD: replicas <integer>


                DESCRIPTION:
                    <empty>

                """);
    }

    @Test
    void explainListsTheFieldsOfAKindAndOfNestedLists() {
        assertThat(k.out("explain", "deployment")).startsWith("GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n")
                .contains("FIELDS:\n  apiVersion\t<string>\n    <no description>\n\n  kind\t<string>\n")
                .contains("  metadata\t<ObjectMeta>\n", "  spec\t<DeploymentSpec>\n", "  status\t<DeploymentStatus>\n");

        String containers = k.out("explain", "deployment.spec.template.spec.containers");

        assertThat(containers).contains("FIELD: containers <[]Container>\n")
                .contains("  image\t<string>\n", "  ports\t<[]ContainerPort>\n", "  resources\t<ResourceRequirements>\n",
                        "  env\t<[]EnvVar>\n", "  livenessProbe\t<Probe>\n", "  stdin\t<boolean>\n");
        assertThat(k.out("explain", "pods.spec.containers.resources")).doesNotContain("GROUP:")
                .contains("  limits\t<map[string]Quantity>\n");
    }

    @Test
    void explainRecursivePrintsTheFieldTree() {
        assertThat(k.out("explain", "deployment.spec.strategy", "--recursive")).isEqualTo("""
                GROUP:      apps
                KIND:       Deployment
                VERSION:    v1

                FIELD: strategy <DeploymentStrategy>


                DESCRIPTION:
                    <empty>
                FIELDS:
                  rollingUpdate	<RollingUpdateDeployment>
                    maxSurge	<IntOrString>
                    maxUnavailable	<IntOrString>
                  type	<string>

                """);
    }

    @Test
    void explainDescribesACustomResourceFromItsSchema() {
        k.ok("apply", "-f", k.file("crd.json", OpenApiTest.WIDGETS));

        assertThat(k.out("explain", "widgets")).startsWith("""
                GROUP:      stable.example.com
                KIND:       Widget
                VERSION:    v1

                DESCRIPTION:
                    A widget.
                """).contains("  metadata\t<ObjectMeta>\n", "  spec\t<Object>\n");
        assertThat(k.out("explain", "widget.spec.size")).contains("FIELD: size <integer>\n", "    How big.\n");
    }

    @Test
    void explainRejectsAnUnknownField() {
        assertThat(k.fails("explain", "deployment.spec.nope")).isEqualTo("error: field \"nope\" does not exist\n");
    }
}
